#include "auth/refresh_token.hpp"

#include <sodium.h>

#include <array>

#include "core/encoding.hpp"
#include "core/random.hpp"

namespace hc::auth {
namespace {

constexpr std::size_t kRefreshTokenBytes = 32;

}  // namespace

std::string new_refresh_token() {
  return random_token(kRefreshTokenBytes);
}

std::string hash_refresh_token(std::string_view token) {
  ensure_sodium();
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(token.data()), token.size());
  return hex_encode(digest);
}

}  // namespace hc::auth
