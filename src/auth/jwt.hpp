#pragma once
// HS256 access tokens. The algorithm is pinned: a token names its algorithm, but this codec only ever
// accepts HMAC-SHA256 under its own secret, so `alg` cannot be used to pick a weaker check.
#include <chrono>
#include <string>
#include <string_view>
#include <vector>

#include "core/result.hpp"

namespace hc::auth {

//! Who issues the server's access tokens and for whom (the iss and aud every token carries).
inline constexpr std::string_view kTokenIssuer = "hotelcoupon";
inline constexpr std::string_view kTokenAudience = "hotelcoupon-api";

//! What an access token asserts; iss and aud come from the codec, not from here.
struct AccessClaims {
  std::string subject;
  std::string role;
  std::string session_id;
  std::chrono::sys_seconds issued_at;
  std::chrono::sys_seconds expires_at;
};

enum class TokenError { malformed, unsupported_algorithm, bad_signature, expired, not_yet_valid, wrong_issuer, wrong_audience };

//! Returns a stable name for error, suitable for logs and API error codes.
std::string_view to_string(TokenError error);

class JwtCodec {
 public:
  //! Throws std::invalid_argument when secret is shorter than 32 bytes.
  JwtCodec(std::vector<unsigned char> secret, std::string issuer, std::string audience);
  //! Wipes the secret from memory.
  ~JwtCodec();
  JwtCodec(const JwtCodec&) = delete;
  JwtCodec& operator=(const JwtCodec&) = delete;
  JwtCodec(JwtCodec&&) = delete;
  JwtCodec& operator=(JwtCodec&&) = delete;

  //! Returns a compact JWS for claims, stamped with this codec's issuer and audience.
  std::string sign(const AccessClaims& claims) const;

  //! Checks token completely as of now; never throws for any input.
  Result<AccessClaims, TokenError> verify(std::string_view token, std::chrono::sys_seconds now) const;

 private:
  std::vector<unsigned char> secret_;
  std::string issuer_;
  std::string audience_;
};

}  // namespace hc::auth
