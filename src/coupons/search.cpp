#include "coupons/search.hpp"

#include "core/encoding.hpp"
#include "core/random.hpp"

#include <algorithm>
#include <charconv>

namespace hc::coupons {
namespace {

constexpr std::size_t kMaxTerms = 8;
constexpr std::size_t kMaxTermBytes = 64;

// ASCII letters and digits, and every byte of a multi-byte UTF-8 character, belong to words; the rest of
// ASCII (spaces, quotes, FTS5 operators) separates them.
bool is_word_byte(char c) {
  const auto byte = static_cast<unsigned char>(c);
  return byte >= 0x80 || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
}

}  // namespace

std::vector<std::string> split_terms(std::string_view text) {
  std::vector<std::string> terms;
  std::size_t i = 0;
  while (i < text.size() && terms.size() < kMaxTerms) {
    while (i < text.size() && !is_word_byte(text[i])) ++i;
    const std::size_t start = i;
    while (i < text.size() && is_word_byte(text[i])) ++i;
    if (i == start) continue;
    // A word too long to be indexed is kept cut to size (on a character boundary), so it matches nothing
    // rather than being dropped and widening the search.
    std::size_t length = std::min(i - start, kMaxTermBytes);
    while (length > 0 && length < i - start && (static_cast<unsigned char>(text[start + length]) & 0xC0) == 0x80) {
      --length;
    }
    terms.emplace_back(text.substr(start, length));
  }
  return terms;
}

std::string fts_expression(const std::vector<std::string>& terms) {
  std::string expression;
  for (std::size_t i = 0; i < terms.size(); ++i) {
    if (i > 0) expression += ' ';
    expression += '"' + terms[i] + '"';
    if (i + 1 == terms.size()) expression += '*';
  }
  return expression;
}

std::string encode_cursor(const Cursor& cursor) {
  std::string text = cursor.keyset ? "k|" + cursor.keyset->key + "|" + cursor.keyset->id
                                   : "s|" + cursor.snapshot + "|" + std::to_string(cursor.offset);
  return base64url_encode(text);
}

std::optional<Cursor> decode_cursor(std::string_view text) {
  if (text.empty() || text.size() > 256) return std::nullopt;
  const auto bytes = base64url_decode(text);
  if (!bytes) return std::nullopt;
  const std::string plain(bytes->begin(), bytes->end());
  const auto first = plain.find('|');
  const auto second = plain.find('|', first == std::string::npos ? 0 : first + 1);
  if (first != 1 || second == std::string::npos) return std::nullopt;
  const std::string middle = plain.substr(2, second - 2);
  const std::string last = plain.substr(second + 1);
  Cursor cursor;
  if (plain[0] == 'k') {
    if (!is_valid_id(last) || middle.size() > 32) return std::nullopt;
    cursor.keyset = Keyset{middle, last};
    return cursor;
  }
  std::size_t offset = 0;
  const auto [end, ec] = std::from_chars(last.data(), last.data() + last.size(), offset);
  if (plain[0] != 's' || middle.empty() || middle.size() > 64 || ec != std::errc{} || end != last.data() + last.size()) {
    return std::nullopt;
  }
  cursor.snapshot = middle;
  cursor.offset = offset;
  return cursor;
}

std::string id_cursor(std::string_view last_id) {
  return encode_cursor(Cursor{Keyset{{}, std::string(last_id)}, {}, 0});
}

Result<std::optional<std::string>, Error> id_after(const std::optional<std::string>& cursor_text) {
  if (!cursor_text) return std::optional<std::string>{};
  const auto cursor = decode_cursor(*cursor_text);
  if (!cursor || !cursor->keyset) return Failure{validation_error({{"cursor", "is not a cursor this list returned"}})};
  return std::optional<std::string>(cursor->keyset->id);
}

}  // namespace hc::coupons
