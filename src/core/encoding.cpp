#include "core/encoding.hpp"

#include <sodium.h>

#include "core/random.hpp"

#include <array>

namespace hc {
namespace {

constexpr int kBase64Variant = sodium_base64_VARIANT_URLSAFE_NO_PADDING;

// libsodium writes a terminating NUL into the buffer it is given; the string must not keep it.
std::string trim_terminator(std::string text) {
  text.resize(text.size() - 1);
  return text;
}

}  // namespace

std::string base64url_encode(std::span<const unsigned char> bytes) {
  ensure_sodium();
  std::string out(sodium_base64_encoded_len(bytes.size(), kBase64Variant), '\0');
  sodium_bin2base64(out.data(), out.size(), bytes.data(), bytes.size(), kBase64Variant);
  return trim_terminator(std::move(out));
}

std::string base64url_encode(std::string_view text) {
  const auto* data = reinterpret_cast<const unsigned char*>(text.data());
  return base64url_encode(std::span<const unsigned char>(data, text.size()));
}

std::optional<std::vector<unsigned char>> base64url_decode(std::string_view text) {
  ensure_sodium();
  if (text.empty()) {
    return std::vector<unsigned char>{};
  }
  std::vector<unsigned char> out(text.size());
  std::size_t out_len = 0;
  const char* end = nullptr;
  const int rc = sodium_base642bin(out.data(), out.size(), text.data(), text.size(), nullptr, &out_len, &end,
                                   kBase64Variant);
  if (rc != 0 || end != text.data() + text.size()) {
    return std::nullopt;
  }
  out.resize(out_len);
  return out;
}

std::string hex_encode(std::span<const unsigned char> bytes) {
  ensure_sodium();
  std::string out(bytes.size() * 2 + 1, '\0');
  sodium_bin2hex(out.data(), out.size(), bytes.data(), bytes.size());
  return trim_terminator(std::move(out));
}

std::string sha256_hex(std::initializer_list<std::string_view> parts) {
  ensure_sodium();
  crypto_hash_sha256_state state;
  crypto_hash_sha256_init(&state);
  for (const std::string_view part : parts) {
    crypto_hash_sha256_update(&state, reinterpret_cast<const unsigned char*>(part.data()), part.size());
  }
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256_final(&state, digest.data());
  return hex_encode(digest);
}

std::optional<std::vector<unsigned char>> hex_decode(std::string_view text) {
  ensure_sodium();
  if (text.size() % 2 != 0) {
    return std::nullopt;
  }
  if (text.empty()) {
    return std::vector<unsigned char>{};
  }
  std::vector<unsigned char> out(text.size() / 2);
  std::size_t out_len = 0;
  const char* end = nullptr;
  const int rc = sodium_hex2bin(out.data(), out.size(), text.data(), text.size(), nullptr, &out_len, &end);
  if (rc != 0 || end != text.data() + text.size() || out_len != out.size()) {
    return std::nullopt;
  }
  return out;
}

}  // namespace hc
