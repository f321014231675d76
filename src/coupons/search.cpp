#include "coupons/search.hpp"

#include <algorithm>
#include <charconv>

namespace hc::coupons {
namespace {

constexpr std::size_t kMaxTerms = 8;
constexpr std::size_t kMaxTermBytes = 64;
constexpr char kSnapshotKind = 's';  // beside core/paging's keyset cursors
constexpr std::size_t kMaxSnapshotLength = 64;

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

std::string ranking_question(const SearchQuery& query) {
  // Fields are separated by a byte no term or filter holds (terms are words; filters came through a URL query).
  constexpr char kSeparator = '\x1f';
  const auto text = [](const std::optional<std::string>& value) { return value ? "=" + *value : std::string("-"); };
  const auto number = [](const std::optional<int>& value) { return value ? "=" + std::to_string(*value) : "-"; };
  std::string question = fts_expression(query.terms);
  question += kSeparator;
  question += std::to_string(static_cast<int>(query.sort));
  for (const std::string& part :
       {text(query.hotel_id), text(query.hotel_name), text(query.city), number(query.min_discount),
        number(query.max_discount), query.valid_on ? to_iso_date(*query.valid_on) : std::string("-")}) {
    question += kSeparator;
    question += part;
  }
  return question;
}

std::string encode_cursor(const Cursor& cursor) {
  if (cursor.keyset) return encode_keyset(*cursor.keyset);
  return encode_cursor_fields(CursorFields{kSnapshotKind, cursor.snapshot, std::to_string(cursor.offset)});
}

std::optional<Cursor> decode_cursor(std::string_view text) {
  if (auto keyset = decode_keyset(text)) return Cursor{std::move(*keyset), {}, 0};
  const auto fields = decode_cursor_fields(text);
  if (!fields || fields->kind != kSnapshotKind || fields->first.empty() || fields->first.size() > kMaxSnapshotLength) {
    return std::nullopt;
  }
  const std::string& last = fields->second;
  std::size_t offset = 0;
  const auto [end, ec] = std::from_chars(last.data(), last.data() + last.size(), offset);
  if (ec != std::errc{} || end != last.data() + last.size()) return std::nullopt;
  return Cursor{std::nullopt, fields->first, offset};
}

}  // namespace hc::coupons
