#include "storage/postgres/search_words.hpp"

#include "storage/postgres/search_text.hpp"

#include <array>

namespace hc::postgres {
namespace {

struct Range {
  char32_t first;
  char32_t last;
};

// Non-ASCII code points that separate words (see the header for what this leaves out).
constexpr std::array<Range, 16> kSeparators{{
    {0x80, 0xA9},      // C1 controls, no-break space, ¡ ¢ £ ¤ ¥ ¦ § ¨ ©
    {0xAB, 0xB1},      // « ¬ soft hyphen ® ¯ ° ±
    {0xB4, 0xB4},      // ´
    {0xB6, 0xB8},      // ¶ · ¸
    {0xBB, 0xBB},      // »
    {0xBF, 0xBF},      // ¿
    {0xD7, 0xD7},      // ×
    {0xF7, 0xF7},      // ÷
    {0x2000, 0x206F},  // General Punctuation: spaces, dashes, quotes, bullets
    {0x20A0, 0x20CF},  // currency signs
    {0x2190, 0x245F},  // arrows, mathematical and technical symbols
    {0x2500, 0x2BFF},  // box drawing, shapes, miscellaneous symbols, dingbats
    {0x3000, 0x3004},  // CJK spaces and punctuation
    {0x3008, 0x3020},
    {0xFF01, 0xFF0F},  // fullwidth punctuation
    {0x1F000, 0x1FAFF},  // emoji and pictographs
}};

bool is_separator(char32_t c) {
  if (c < 0x80) {
    return !((c >= U'0' && c <= U'9') || (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z'));
  }
  for (const Range& range : kSeparators) {
    if (c >= range.first && c <= range.last) return true;
  }
  return false;
}

// The words of already folded text. Invalid UTF-8 is read byte by byte as far as it goes, never past the end.
std::vector<std::string> split_words(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (std::size_t i = 0; i < text.size();) {
    const auto lead = static_cast<unsigned char>(text[i]);
    std::size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
    if (length > text.size() - i) length = text.size() - i;
    char32_t c = length == 1 ? char32_t{lead} : char32_t{lead} & (char32_t{0xFF} >> (length + 1));
    for (std::size_t k = 1; k < length; ++k) c = (c << 6) | (static_cast<unsigned char>(text[i + k]) & 0x3Fu);
    if (is_separator(c)) {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
    } else {
      word.append(text, i, length);
    }
    i += length;
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

std::string join(const std::vector<std::string>& words, std::string_view separator) {
  std::string joined;
  for (const std::string& word : words) {
    if (!joined.empty()) joined += separator;
    joined += word;
  }
  return joined;
}

}  // namespace

std::string search_words(std::string_view text) { return join(split_words(search_fold(text)), " "); }

std::optional<std::string> search_tsquery(const std::vector<std::string>& terms) {
  std::string query;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    // FTS5 skips a quoted term without words ("€") inside an AND, as this does.
    std::vector<std::string> words = split_words(search_fold(terms[i]));
    if (words.empty()) continue;
    if (i + 1 == terms.size()) words.back() += ":*";
    if (!query.empty()) query += " & ";
    query += "(" + join(words, " <-> ") + ")";
  }
  if (query.empty()) return std::nullopt;
  return query;
}

}  // namespace hc::postgres
