#include "auth/jwt.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <array>
#include <stdexcept>
#include <string>
#include <vector>

#include "core/encoding.hpp"

namespace hc::auth {
namespace {

using namespace std::chrono_literals;

constexpr std::string_view kSecretText = "0123456789abcdef0123456789abcdef";
constexpr std::string_view kIssuer = "hc-api";
constexpr std::string_view kAudience = "hc-clients";
const std::chrono::sys_seconds kNow{1'700'000'000s};

std::vector<unsigned char> secret(std::string_view text = kSecretText) {
  return {text.begin(), text.end()};
}

std::string segment(std::string_view json_text) {
  return base64url_encode(json_text);
}

std::string hmac(std::string_view key, std::string_view message) {
  crypto_auth_hmacsha256_state state;
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(message.data()), message.size());
  crypto_auth_hmacsha256_final(&state, mac.data());
  return base64url_encode(mac);
}

// A token signed with the test secret over any header and payload, as an attacker holding the key could.
std::string signed_token(std::string_view header_json, std::string_view payload_json) {
  const std::string input = segment(header_json) + "." + segment(payload_json);
  return input + "." + hmac(kSecretText, input);
}

std::string payload_json(std::string_view extra = "") {
  return std::string(R"({"iss":"hc-api","aud":"hc-clients","sub":"u1","role":"user","sid":"s1","iat":1700000000,)") +
         std::string(extra) + R"("exp":1700000900})";
}

std::vector<std::string> split(const std::string& token) {
  std::vector<std::string> parts;
  std::size_t start = 0;
  for (std::size_t dot = token.find('.'); dot != std::string::npos; dot = token.find('.', start)) {
    parts.push_back(token.substr(start, dot - start));
    start = dot + 1;
  }
  parts.push_back(token.substr(start));
  return parts;
}

class JwtTest : public ::testing::Test {
 protected:
  AccessClaims claims_{"01HXYZ", "user", "sess-1", kNow, kNow + 15min};
  JwtCodec codec_{secret(), std::string(kIssuer), std::string(kAudience)};

  TokenError error_of(std::string_view token) const {
    const auto result = codec_.verify(token, kNow);
    EXPECT_FALSE(result.ok()) << token;
    return result.ok() ? TokenError::malformed : result.error();
  }
};

TEST_F(JwtTest, RoundTripsAllClaims) {
  const auto token = codec_.sign(claims_);
  const auto result = codec_.verify(token, kNow);
  ASSERT_TRUE(result.ok()) << to_string(result.error());
  EXPECT_EQ(result->subject, "01HXYZ");
  EXPECT_EQ(result->role, "user");
  EXPECT_EQ(result->session_id, "sess-1");
  EXPECT_EQ(result->issued_at, kNow);
  EXPECT_EQ(result->expires_at, kNow + 15min);
}

TEST_F(JwtTest, WritesTheFixedHeaderAndAllClaimNames) {
  const auto parts = split(codec_.sign(claims_));
  ASSERT_EQ(parts.size(), 3u);
  EXPECT_EQ(parts[0], segment(R"({"alg":"HS256","typ":"JWT"})"));
  const auto payload = base64url_decode(parts[1]);
  ASSERT_TRUE(payload.has_value());
  const std::string text(payload->begin(), payload->end());
  for (const char* name : {"\"sub\":", "\"role\":", "\"sid\":", "\"iat\":", "\"exp\":", "\"iss\":", "\"aud\":"}) {
    EXPECT_NE(text.find(name), std::string::npos) << name;
  }
}

TEST_F(JwtTest, AcceptsTokensFromOtherSignersOfTheSameKey) {
  EXPECT_TRUE(codec_.verify(signed_token(R"({"alg":"HS256"})", payload_json()), kNow).ok());
  EXPECT_TRUE(codec_.verify(signed_token(R"({"typ":"JWT","alg":"HS256"})", payload_json()), kNow).ok());
}

TEST_F(JwtTest, RejectsAlgNone) {
  const auto unsigned_input = segment(R"({"alg":"none","typ":"JWT"})") + "." + segment(payload_json());
  EXPECT_EQ(error_of(unsigned_input + "."), TokenError::malformed);
  EXPECT_EQ(error_of(unsigned_input + ".AAAA"), TokenError::unsupported_algorithm);
  EXPECT_EQ(error_of(unsigned_input + "." + hmac(kSecretText, unsigned_input)), TokenError::unsupported_algorithm);
}

TEST_F(JwtTest, PinsTheAlgorithmToHs256) {
  for (const char* header : {R"({"alg":"HS512"})", R"({"alg":"HS512","typ":"JWT"})", R"({"alg":"RS256","typ":"JWT"})",
                             R"({"alg":"hs256"})", R"({"alg":"HS256 "})", R"({"alg":null})", R"({"alg":256})",
                             R"({"alg":["HS256"]})", R"({"typ":"JWT"})", R"({})"}) {
    EXPECT_EQ(error_of(signed_token(header, payload_json())), TokenError::unsupported_algorithm) << header;
  }
}

TEST_F(JwtTest, RejectsOtherTypesAndCriticalExtensions) {
  EXPECT_EQ(error_of(signed_token(R"({"alg":"HS256","typ":"JWE"})", payload_json())), TokenError::malformed);
  EXPECT_EQ(error_of(signed_token(R"({"alg":"HS256","typ":1})", payload_json())), TokenError::malformed);
  EXPECT_EQ(error_of(signed_token(R"({"alg":"HS256","crit":["exp"]})", payload_json())), TokenError::malformed);
}

TEST_F(JwtTest, RejectsAFlippedSignatureByte) {
  const auto parts = split(codec_.sign(claims_));
  auto signature = *base64url_decode(parts[2]);
  for (std::size_t i = 0; i < signature.size(); ++i) {
    auto flipped = signature;
    flipped[i] ^= 0x01;
    EXPECT_EQ(error_of(parts[0] + "." + parts[1] + "." + base64url_encode(flipped)), TokenError::bad_signature) << i;
  }
}

TEST_F(JwtTest, RejectsSignaturesOfTheWrongLength) {
  const auto parts = split(codec_.sign(claims_));
  auto signature = *base64url_decode(parts[2]);
  signature.pop_back();
  EXPECT_EQ(error_of(parts[0] + "." + parts[1] + "." + base64url_encode(signature)), TokenError::bad_signature);
  signature.resize(64, 0);
  EXPECT_EQ(error_of(parts[0] + "." + parts[1] + "." + base64url_encode(signature)), TokenError::bad_signature);
}

TEST_F(JwtTest, RejectsATamperedPayload) {
  const auto parts = split(codec_.sign(claims_));
  const auto payload = *base64url_decode(parts[1]);
  std::string text(payload.begin(), payload.end());
  const auto role = text.find(R"("role":"user")");
  ASSERT_NE(role, std::string::npos);
  text.replace(role, 13, R"("role":"hotelier")");
  EXPECT_EQ(error_of(parts[0] + "." + segment(text) + "." + parts[2]), TokenError::bad_signature);
}

TEST_F(JwtTest, RejectsAnotherKeysSignature) {
  const JwtCodec other(secret("ffffffffffffffffffffffffffffffff"), std::string(kIssuer), std::string(kAudience));
  EXPECT_EQ(error_of(other.sign(claims_)), TokenError::bad_signature);
}

TEST_F(JwtTest, ExpiresAtExp) {
  const auto token = codec_.sign(claims_);
  EXPECT_TRUE(codec_.verify(token, kNow + 15min - 1s).ok());
  const auto at_exp = codec_.verify(token, kNow + 15min);
  ASSERT_FALSE(at_exp.ok());
  EXPECT_EQ(at_exp.error(), TokenError::expired);
  EXPECT_EQ(codec_.verify(token, kNow + 24h).error(), TokenError::expired);
}

TEST_F(JwtTest, RejectsTokensIssuedInTheFuture) {
  claims_.issued_at = kNow + 60s;
  EXPECT_TRUE(codec_.verify(codec_.sign(claims_), kNow).ok());
  claims_.issued_at = kNow + 61s;
  EXPECT_EQ(error_of(codec_.sign(claims_)), TokenError::not_yet_valid);
}

TEST_F(JwtTest, RejectsWrongIssuerAndAudience) {
  const JwtCodec other_issuer(secret(), "someone-else", std::string(kAudience));
  const JwtCodec other_audience(secret(), std::string(kIssuer), "other-clients");
  EXPECT_EQ(error_of(other_issuer.sign(claims_)), TokenError::wrong_issuer);
  EXPECT_EQ(error_of(other_audience.sign(claims_)), TokenError::wrong_audience);
}

TEST_F(JwtTest, AcceptsAnAudienceArrayContainingOurs) {
  const std::string header = R"({"alg":"HS256","typ":"JWT"})";
  const std::string base = R"({"iss":"hc-api","sub":"u1","role":"user","sid":"s1","iat":1700000000,"exp":1700000900,)";
  EXPECT_TRUE(codec_.verify(signed_token(header, base + R"("aud":["x","hc-clients"]})"), kNow).ok());
  EXPECT_EQ(error_of(signed_token(header, base + R"("aud":["x","y"]})")), TokenError::wrong_audience);
  EXPECT_EQ(error_of(signed_token(header, base + R"("aud":[]})")), TokenError::wrong_audience);
  EXPECT_EQ(error_of(signed_token(header, base + R"("aud":{"hc-clients":1}})")), TokenError::wrong_audience);
  EXPECT_EQ(error_of(signed_token(header, base + R"("aud":null})")), TokenError::wrong_audience);
}

TEST_F(JwtTest, RejectsMissingOrMistypedClaims) {
  const std::string header = R"({"alg":"HS256","typ":"JWT"})";
  const std::string iss_aud = R"({"iss":"hc-api","aud":"hc-clients",)";
  for (const char* claims : {
           R"("role":"user","sid":"s1","iat":1700000000,"exp":1700000900})",
           R"("sub":"u1","sid":"s1","iat":1700000000,"exp":1700000900})",
           R"("sub":"u1","role":"user","iat":1700000000,"exp":1700000900})",
           R"("sub":"u1","role":"user","sid":"s1","exp":1700000900})",
           R"("sub":"u1","role":"user","sid":"s1","iat":1700000000})",
           R"("sub":1,"role":"user","sid":"s1","iat":1700000000,"exp":1700000900})",
           R"("sub":"u1","role":"user","sid":"s1","iat":"1700000000","exp":1700000900})",
           R"("sub":"u1","role":"user","sid":"s1","iat":1700000000,"exp":1700000900.5})",
           R"("sub":"u1","role":"user","sid":"s1","iat":1700000000,"exp":18446744073709551615})",
       }) {
    EXPECT_EQ(error_of(signed_token(header, iss_aud + claims)), TokenError::malformed) << claims;
  }
  const std::string no_iss = R"({"aud":"hc-clients","sub":"u1","role":"user","sid":"s1","iat":1,"exp":1700000900})";
  EXPECT_EQ(error_of(signed_token(header, no_iss)), TokenError::wrong_issuer);
  const std::string no_aud = R"({"iss":"hc-api","sub":"u1","role":"user","sid":"s1","iat":1,"exp":1700000900})";
  EXPECT_EQ(error_of(signed_token(header, no_aud)), TokenError::wrong_audience);
}

TEST_F(JwtTest, RejectsSignedPayloadsThatAreNotObjects) {
  const std::string header = R"({"alg":"HS256","typ":"JWT"})";
  EXPECT_EQ(error_of(signed_token(header, "not json")), TokenError::malformed);
  EXPECT_EQ(error_of(signed_token(header, "[1,2]")), TokenError::malformed);
  EXPECT_EQ(error_of(signed_token(header, std::string(20, '[') + std::string(20, ']'))), TokenError::malformed);
}

TEST_F(JwtTest, RejectsGarbage) {
  for (const char* token : {"", ".", "..", "a", "a.b", "a.b.", ".b.c", "a..c", "a.b.c.d", "...."}) {
    EXPECT_EQ(error_of(token), TokenError::malformed) << token;
  }
  EXPECT_EQ(error_of(std::string(10 * 1024, 'a')), TokenError::malformed);
  const auto valid = codec_.sign(claims_);
  EXPECT_EQ(error_of(valid + std::string(4096, 'A')), TokenError::malformed);
  EXPECT_EQ(error_of("@@@@.eyJ9.AAAA"), TokenError::malformed);
  EXPECT_EQ(error_of(valid + "="), TokenError::malformed);
  EXPECT_EQ(error_of(" " + valid), TokenError::malformed);
  EXPECT_EQ(error_of(valid + "\n"), TokenError::malformed);
}

TEST_F(JwtTest, RejectsHeadersThatAreNotSmallObjects) {
  const auto rest = "." + segment(payload_json()) + ".AAAA";
  EXPECT_EQ(error_of(segment(R"(["alg","HS256"])") + rest), TokenError::malformed);
  EXPECT_EQ(error_of(segment("\"HS256\"") + rest), TokenError::malformed);
  EXPECT_EQ(error_of(segment("{") + rest), TokenError::malformed);
  EXPECT_EQ(error_of(segment(std::string(1000, '[') + std::string(1000, ']')) + rest), TokenError::malformed);
  std::string nested = R"({"alg":"HS256","x":)";
  for (int i = 0; i < 50; ++i) {
    nested += R"({"a":)";
  }
  nested += "1" + std::string(50, '}') + "}";
  EXPECT_EQ(error_of(segment(nested) + rest), TokenError::malformed);
  EXPECT_EQ(error_of(segment("{\"alg\":\"HS256\xFF\"}") + rest), TokenError::malformed);
}

TEST_F(JwtTest, NoSingleCharacterChangeIsAccepted) {
  const auto token = codec_.sign(claims_);
  for (std::size_t i = 0; i < token.size(); ++i) {
    for (const char replacement : {'A', 'B', '-', '_', '.', '=', 'z', '\0'}) {
      if (token[i] == replacement) {
        continue;
      }
      auto mutated = token;
      mutated[i] = replacement;
      EXPECT_FALSE(codec_.verify(mutated, kNow).ok()) << i << " " << replacement;
    }
  }
}

TEST(JwtCodec, RequiresA32ByteSecret) {
  EXPECT_THROW(JwtCodec({}, "iss", "aud"), std::invalid_argument);
  EXPECT_THROW(JwtCodec(std::vector<unsigned char>(31, 7), "iss", "aud"), std::invalid_argument);
  EXPECT_NO_THROW(JwtCodec(std::vector<unsigned char>(32, 7), "iss", "aud"));
}

TEST(JwtCodec, WorksWithLongSecrets) {
  const JwtCodec codec(std::vector<unsigned char>(100, 7), "iss", "aud");
  const AccessClaims claims{"u", "admin", "s", kNow, kNow + 1min};
  const auto result = codec.verify(codec.sign(claims), kNow);
  ASSERT_TRUE(result.ok());
  EXPECT_EQ(result->role, "admin");
}

TEST(JwtCodec, InteroperatesWithAKnownToken) {
  // Signed independently with Python's hmac and hashlib over the test secret.
  constexpr std::string_view kToken =
      "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9."
      "eyJpc3MiOiJoYy1hcGkiLCJhdWQiOiJoYy1jbGllbnRzIiwic3ViIjoidTEiLCJyb2xlIjoidXNlciIsInNpZCI6InMxIiwiaWF0IjoxNzAwMDAwMDAwLCJleHAiOjE3MDAwMDA5MDB9."
      "KSSpYnxrIJiXh9dP12SWNqD62AZdvhy5wBOzSsJp2Rw";
  const JwtCodec codec(secret(), std::string(kIssuer), std::string(kAudience));
  const auto result = codec.verify(kToken, kNow);
  ASSERT_TRUE(result.ok()) << to_string(result.error());
  EXPECT_EQ(result->subject, "u1");
  EXPECT_EQ(result->expires_at, kNow + 900s);
}

TEST(TokenError, HasStableNames) {
  EXPECT_EQ(to_string(TokenError::malformed), "malformed");
  EXPECT_EQ(to_string(TokenError::unsupported_algorithm), "unsupported_algorithm");
  EXPECT_EQ(to_string(TokenError::bad_signature), "bad_signature");
  EXPECT_EQ(to_string(TokenError::expired), "expired");
  EXPECT_EQ(to_string(TokenError::not_yet_valid), "not_yet_valid");
  EXPECT_EQ(to_string(TokenError::wrong_issuer), "wrong_issuer");
  EXPECT_EQ(to_string(TokenError::wrong_audience), "wrong_audience");
}

}  // namespace
}  // namespace hc::auth
