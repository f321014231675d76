#pragma once
// Small text rules shared by the domain modules.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace hc {

//! The number of Unicode code points, or nullopt if the text is not valid UTF-8.
std::optional<std::size_t> utf8_length(std::string_view text);

//! True if the text is valid UTF-8 without NUL: what every database stores as text (PostgreSQL refuses the rest).
bool is_storable_text(std::string_view text);

//! True if the text contains a control character (U+0000–U+001F or U+007F).
bool has_control_characters(std::string_view text);

//! True for 1 to 64 characters of A–Z, a–z, 0–9, '-', '_' and '.': an id a client chose, safe to store, log and
//! echo (request ids, interaction event ids).
bool is_plain_id(std::string_view text);

//! The text without leading and trailing ASCII white space.
std::string_view trim_spaces(std::string_view text);

//! Lower-cases ASCII letters.
std::string ascii_lower(std::string_view text);

//! Folds case for comparison, beyond ASCII: Latin-1, Latin Extended-A, Greek and Cyrillic capitals become small
//! letters ("MÁLAGA" → "málaga", "ZÜRICH" → "zürich"). Invalid UTF-8 is returned unchanged.
std::string fold_case(std::string_view text);

//! Whether a text may span lines: multi-line text may also hold line breaks (\n, \r) and tabs.
enum class Lines { one, many };

//! A message if the text is not `min`..`max` code points of valid UTF-8 without control characters (other than
//! the line breaks and tabs of multi-line text).
std::optional<std::string> length_violation(std::string_view text, std::size_t min, std::size_t max,
                                            Lines lines = Lines::one);

}  // namespace hc
