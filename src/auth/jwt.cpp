#include "auth/jwt.hpp"

#include <sodium.h>

#include <array>
#include <cstdint>
#include <optional>
#include <span>
#include <stdexcept>

#include <boost/json.hpp>

#include "core/encoding.hpp"
#include "core/random.hpp"

namespace hc::auth {
namespace {

namespace json = boost::json;

constexpr std::string_view kHeader = R"({"alg":"HS256","typ":"JWT"})";
constexpr std::string_view kAlgorithm = "HS256";
constexpr std::string_view kType = "JWT";
constexpr std::size_t kMinSecretBytes = 32;
constexpr std::size_t kMaxTokenBytes = 4096;
constexpr std::size_t kMaxJsonDepth = 8;
constexpr std::chrono::seconds kAllowedClockSkew{60};

using Mac = std::array<unsigned char, crypto_auth_hmacsha256_BYTES>;

struct TokenParts {
  std::string_view signing_input;  // "header.payload", exactly the bytes the signature covers
  std::string_view header;
  std::string_view payload;
  std::string_view signature;
};

const unsigned char* as_bytes(std::string_view text) {
  return reinterpret_cast<const unsigned char*>(text.data());
}

// The streaming API is used because crypto_auth_hmacsha256() only takes 32-byte keys, while HS256
// secrets may be longer.
Mac hmac_sha256(std::span<const unsigned char> key, std::string_view message) {
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, key.data(), key.size());
  crypto_auth_hmacsha256_update(&state, as_bytes(message), message.size());
  Mac mac{};
  crypto_auth_hmacsha256_final(&state, mac.data());
  sodium_memzero(&state, sizeof state);
  return mac;
}

std::optional<TokenParts> split_token(std::string_view token) {
  const auto first_dot = token.find('.');
  if (first_dot == std::string_view::npos) {
    return std::nullopt;
  }
  const auto second_dot = token.find('.', first_dot + 1);
  if (second_dot == std::string_view::npos || token.find('.', second_dot + 1) != std::string_view::npos) {
    return std::nullopt;
  }
  TokenParts parts{token.substr(0, second_dot), token.substr(0, first_dot),
                   token.substr(first_dot + 1, second_dot - first_dot - 1), token.substr(second_dot + 1)};
  if (parts.header.empty() || parts.payload.empty() || parts.signature.empty()) {
    return std::nullopt;
  }
  return parts;
}

std::optional<json::object> parse_object(const std::vector<unsigned char>& bytes) {
  json::parse_options options;
  options.max_depth = kMaxJsonDepth;
  boost::system::error_code ec;
  const std::string_view text(reinterpret_cast<const char*>(bytes.data()), bytes.size());
  json::value parsed = json::parse(text, ec, {}, options);
  if (ec || !parsed.is_object()) {
    return std::nullopt;
  }
  return std::move(parsed.get_object());
}

std::optional<json::object> decode_object(std::string_view part) {
  const auto bytes = base64url_decode(part);
  if (!bytes) {
    return std::nullopt;
  }
  return parse_object(*bytes);
}

std::optional<std::string_view> string_member(const json::object& object, std::string_view key) {
  const json::value* member = object.if_contains(key);
  if (member == nullptr || !member->is_string()) {
    return std::nullopt;
  }
  const json::string& text = member->get_string();
  return std::string_view(text.data(), text.size());
}

std::optional<std::chrono::sys_seconds> time_member(const json::object& object, std::string_view key) {
  const json::value* member = object.if_contains(key);
  if (member == nullptr) {
    return std::nullopt;
  }
  if (member->is_int64()) {
    return std::chrono::sys_seconds{std::chrono::seconds{member->get_int64()}};
  }
  // Parsed unsigned values above INT64_MAX cannot be a meaningful time; anything else is not an integer.
  return std::nullopt;
}

// Only the exact header fields this codec writes are meaningful; `crit` would demand extensions we do not know.
std::optional<TokenError> header_error(const json::object& header) {
  if (string_member(header, "alg") != kAlgorithm) {
    return TokenError::unsupported_algorithm;
  }
  if (header.contains("typ") && string_member(header, "typ") != kType) {
    return TokenError::malformed;
  }
  if (header.contains("crit")) {
    return TokenError::malformed;
  }
  return std::nullopt;
}

bool audience_matches(const json::value* aud, std::string_view audience) {
  if (aud == nullptr) {
    return false;
  }
  if (aud->is_string()) {
    return aud->get_string() == audience;
  }
  if (!aud->is_array()) {
    return false;
  }
  for (const json::value& entry : aud->get_array()) {
    if (entry.is_string() && entry.get_string() == audience) {
      return true;
    }
  }
  return false;
}

std::optional<AccessClaims> read_claims(const json::object& payload) {
  const auto subject = string_member(payload, "sub");
  const auto role = string_member(payload, "role");
  const auto session_id = string_member(payload, "sid");
  const auto issued_at = time_member(payload, "iat");
  const auto expires_at = time_member(payload, "exp");
  if (!subject || !role || !session_id || !issued_at || !expires_at) {
    return std::nullopt;
  }
  return AccessClaims{std::string(*subject), std::string(*role), std::string(*session_id), *issued_at, *expires_at};
}

// Everything about a token that can be checked without the key; the payload stays opaque bytes until
// the signature over it has been checked.
struct DecodedToken {
  TokenParts parts;
  std::vector<unsigned char> payload;
  std::vector<unsigned char> signature;
};

Result<DecodedToken, TokenError> decode_token(std::string_view token) {
  if (token.size() > kMaxTokenBytes) {
    return Failure{TokenError::malformed};
  }
  const auto parts = split_token(token);
  if (!parts) {
    return Failure{TokenError::malformed};
  }
  const auto header = decode_object(parts->header);
  auto payload = base64url_decode(parts->payload);
  auto signature = base64url_decode(parts->signature);
  if (!header || !payload || !signature) {
    return Failure{TokenError::malformed};
  }
  if (const auto error = header_error(*header)) {
    return Failure{*error};
  }
  return DecodedToken{*parts, std::move(*payload), std::move(*signature)};
}

Result<AccessClaims, TokenError> check_claims(const std::vector<unsigned char>& payload_bytes,
                                              std::string_view issuer, std::string_view audience,
                                              std::chrono::sys_seconds now) {
  const auto payload = parse_object(payload_bytes);
  if (!payload) {
    return Failure{TokenError::malformed};
  }
  auto claims = read_claims(*payload);
  if (!claims) {
    return Failure{TokenError::malformed};
  }
  if (string_member(*payload, "iss") != issuer) {
    return Failure{TokenError::wrong_issuer};
  }
  if (!audience_matches(payload->if_contains("aud"), audience)) {
    return Failure{TokenError::wrong_audience};
  }
  if (claims->expires_at <= now) {
    return Failure{TokenError::expired};
  }
  if (claims->issued_at > now + kAllowedClockSkew) {
    return Failure{TokenError::not_yet_valid};
  }
  return std::move(*claims);
}

}  // namespace

std::string_view to_string(TokenError error) {
  switch (error) {
    case TokenError::malformed: return "malformed";
    case TokenError::unsupported_algorithm: return "unsupported_algorithm";
    case TokenError::bad_signature: return "bad_signature";
    case TokenError::expired: return "expired";
    case TokenError::not_yet_valid: return "not_yet_valid";
    case TokenError::wrong_issuer: return "wrong_issuer";
    case TokenError::wrong_audience: return "wrong_audience";
  }
  return "unknown";
}

JwtCodec::JwtCodec(std::vector<unsigned char> secret, std::string issuer, std::string audience)
    : secret_(std::move(secret)), issuer_(std::move(issuer)), audience_(std::move(audience)) {
  if (secret_.size() < kMinSecretBytes) {
    sodium_memzero(secret_.data(), secret_.size());
    throw std::invalid_argument("JWT secret must be at least 32 bytes");
  }
  ensure_sodium();
}

JwtCodec::~JwtCodec() {
  sodium_memzero(secret_.data(), secret_.size());
}

std::string JwtCodec::sign(const AccessClaims& claims) const {
  json::object payload;
  payload["iss"] = issuer_;
  payload["aud"] = audience_;
  payload["sub"] = claims.subject;
  payload["role"] = claims.role;
  payload["sid"] = claims.session_id;
  payload["iat"] = static_cast<std::int64_t>(claims.issued_at.time_since_epoch().count());
  payload["exp"] = static_cast<std::int64_t>(claims.expires_at.time_since_epoch().count());
  std::string token = base64url_encode(kHeader) + "." + base64url_encode(json::serialize(payload));
  const Mac mac = hmac_sha256(secret_, token);
  return token + "." + base64url_encode(mac);
}

Result<AccessClaims, TokenError> JwtCodec::verify(std::string_view token, std::chrono::sys_seconds now) const {
  // A token is untrusted input: whatever goes wrong while reading it, even an allocation, only rejects it.
  try {
    auto decoded = decode_token(token);
    if (!decoded) {
      return Failure{decoded.error()};
    }
    const Mac expected = hmac_sha256(secret_, decoded->parts.signing_input);
    const auto& signature = decoded->signature;
    if (signature.size() != expected.size() || crypto_verify_32(signature.data(), expected.data()) != 0) {
      return Failure{TokenError::bad_signature};
    }
    return check_claims(decoded->payload, issuer_, audience_, now);
  } catch (const std::exception&) {
    return Failure{TokenError::malformed};
  }
}

}  // namespace hc::auth
