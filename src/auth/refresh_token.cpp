#include "auth/refresh_token.hpp"

#include "core/encoding.hpp"
#include "core/random.hpp"

namespace hc::auth {
namespace {

constexpr std::size_t kRefreshTokenBytes = 32;

}  // namespace

std::string new_refresh_token() {
  return random_token(kRefreshTokenBytes);
}

std::string hash_refresh_token(std::string_view token) { return sha256_hex({token}); }

}  // namespace hc::auth
