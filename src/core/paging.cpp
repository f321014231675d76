#include "core/paging.hpp"

#include "core/encoding.hpp"
#include "core/random.hpp"

#include <charconv>

namespace hc {
namespace {

constexpr char kKeysetKind = 'k';
constexpr std::size_t kMaxCursorLength = 256;
constexpr std::size_t kMaxKeyLength = 32;

}  // namespace

Result<std::size_t, Error> parse_limit(const std::optional<std::string>& text) {
  if (!text) return kDefaultPageSize;
  std::size_t limit = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), limit);
  if (ec != std::errc{} || end != text->data() + text->size() || limit < 1 || limit > kMaxPageSize) {
    return Failure{field_error("limit", "must be a whole number from 1 to 100")};
  }
  return limit;
}

std::string encode_cursor_fields(const CursorFields& fields) {
  return base64url_encode(std::string(1, fields.kind) + "|" + fields.first + "|" + fields.second);
}

std::optional<CursorFields> decode_cursor_fields(std::string_view text) {
  if (text.empty() || text.size() > kMaxCursorLength) return std::nullopt;
  const auto bytes = base64url_decode(text);
  if (!bytes) return std::nullopt;
  const std::string plain(bytes->begin(), bytes->end());
  const auto first = plain.find('|');
  const auto second = plain.find('|', first == std::string::npos ? 0 : first + 1);
  if (first != 1 || second == std::string::npos) return std::nullopt;
  return CursorFields{plain[0], plain.substr(2, second - 2), plain.substr(second + 1)};
}

std::string encode_keyset(const Keyset& keyset) {
  return encode_cursor_fields(CursorFields{kKeysetKind, keyset.key, keyset.id});
}

std::optional<Keyset> decode_keyset(std::string_view text) {
  auto fields = decode_cursor_fields(text);
  if (!fields || fields->kind != kKeysetKind || !is_valid_id(fields->second) || fields->first.size() > kMaxKeyLength) {
    return std::nullopt;
  }
  return Keyset{std::move(fields->first), std::move(fields->second)};
}

std::string id_cursor(std::string_view last_id) { return encode_keyset(Keyset{{}, std::string(last_id)}); }

Result<std::optional<std::string>, Error> id_after(const std::optional<std::string>& cursor_text) {
  if (!cursor_text) return std::optional<std::string>{};
  auto keyset = decode_keyset(*cursor_text);
  if (!keyset) return Failure{field_error("cursor", "is not a cursor this list returned")};
  return std::optional<std::string>(std::move(keyset->id));
}

}  // namespace hc
