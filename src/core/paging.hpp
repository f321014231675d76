#pragma once
// List paging as API.md sets it: ?limit= (default 20, at most 100) and an opaque ?cursor=, most often a keyset.
#include "core/error.hpp"
#include "core/result.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hc {

inline constexpr std::size_t kDefaultPageSize = 20;
inline constexpr std::size_t kMaxPageSize = 100;

//! Parses `limit` (default 20, 1..100); the error names the field.
Result<std::size_t, Error> parse_limit(const std::optional<std::string>& text);

//! Trims rows fetched with `limit + 1` (the extra row tells whether there is more) to `limit`, and returns
//! the cursor of the next page, made from the page's last row, when there is one.
template <class Row, class CursorOf>
std::optional<std::string> trim_page(std::vector<Row>& rows, std::size_t limit, CursorOf cursor_of) {
  if (rows.size() <= limit) return std::nullopt;
  rows.resize(limit);
  return cursor_of(rows.back());
}

//! An opaque cursor's parts: base64url of "<kind>|<first>|<second>", where the one-letter kind tells the lists
//! apart that page in different ways.
struct CursorFields {
  char kind = 0;
  std::string first;
  std::string second;
};

std::string encode_cursor_fields(const CursorFields& fields);
//! The parts of a cursor of at most 256 characters; nullopt when the text has not that shape.
std::optional<CursorFields> decode_cursor_fields(std::string_view text);

//! Where the previous page ended, for a keyset order: the sort key of its last row and that row's id.
struct Keyset {
  std::string key;  // at most 32 bytes (a number, an RFC 3339 time), empty when the order is by id alone
  std::string id;
};

std::string encode_keyset(const Keyset& keyset);
//! The keyset a cursor carries; nullopt when the text is not a keyset cursor.
std::optional<Keyset> decode_keyset(std::string_view text);

//! The cursor of a list paged newest first by id: the last id of the page.
std::string id_cursor(std::string_view last_id);
//! The id an id cursor carries (nullopt without a cursor); a 400 naming `cursor` when it is not one.
Result<std::optional<std::string>, Error> id_after(const std::optional<std::string>& cursor_text);

}  // namespace hc
