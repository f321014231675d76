// Accounts seen from outside: registration, sign-in, tokens, refresh rotation, logout, throttling, and
// that no password or token ever reaches the server log.
#include "harness.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>
#include <sodium.h>

#include <algorithm>
#include <array>
#include <chrono>
#include <cstdint>
#include <regex>
#include <sstream>

namespace hc::test {
namespace {

namespace json = boost::json;
using http_verb = boost::beast::http::verb;

constexpr std::string_view kPassword = kTestPassword;
constexpr std::string_view kOtherPassword = "another-long-password";

// ---- A minimal HS256 signer, independent of the server's own codec ------------------------------------

std::string base64url_encode(std::string_view bytes) {
  static constexpr std::string_view kAlphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : bytes) {
    buffer = (buffer << 8) | static_cast<unsigned char>(c);
    bits += 8;
    while (bits >= 6) {
      bits -= 6;
      out += kAlphabet[(buffer >> bits) & 0x3Fu];
    }
  }
  if (bits > 0) out += kAlphabet[(buffer << (6 - bits)) & 0x3Fu];
  return out;
}

std::string base64url_decode(std::string_view text) {
  std::string out;
  std::uint32_t buffer = 0;
  int bits = 0;
  for (const char c : text) {
    std::uint32_t value = 0;
    if (c >= 'A' && c <= 'Z') value = static_cast<std::uint32_t>(c - 'A');
    else if (c >= 'a' && c <= 'z') value = static_cast<std::uint32_t>(c - 'a' + 26);
    else if (c >= '0' && c <= '9') value = static_cast<std::uint32_t>(c - '0' + 52);
    else if (c == '-') value = 62;
    else if (c == '_') value = 63;
    else throw std::runtime_error("not base64url");
    buffer = (buffer << 6) | value;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      out += static_cast<char>((buffer >> bits) & 0xFFu);
    }
  }
  return out;
}

std::string hex_decode(std::string_view hex) {
  auto nibble = [](char c) -> int {
    if (c >= '0' && c <= '9') return c - '0';
    if (c >= 'a' && c <= 'f') return c - 'a' + 10;
    if (c >= 'A' && c <= 'F') return c - 'A' + 10;
    throw std::runtime_error("not hex");
  };
  std::string out;
  for (std::size_t i = 0; i + 1 < hex.size(); i += 2) {
    out += static_cast<char>(nibble(hex[i]) * 16 + nibble(hex[i + 1]));
  }
  return out;
}

// The key the server generated in its data folder (hex, one line).
std::string server_token_key(const ServerProcess& server) {
  const std::string hex = token_key_hex(server);
  if (hex.size() < 64) throw std::runtime_error("no token key in the data folder");
  return hex_decode(hex);
}

std::string hs256(std::string_view key, std::string_view header_json, std::string_view payload_json) {
  if (sodium_init() < 0) throw std::runtime_error("libsodium failed to start");
  const std::string signing_input = base64url_encode(header_json) + "." + base64url_encode(payload_json);
  crypto_auth_hmacsha256_state state;
  crypto_auth_hmacsha256_init(&state, reinterpret_cast<const unsigned char*>(key.data()), key.size());
  crypto_auth_hmacsha256_update(&state, reinterpret_cast<const unsigned char*>(signing_input.data()),
                                signing_input.size());
  std::array<unsigned char, crypto_auth_hmacsha256_BYTES> mac{};
  crypto_auth_hmacsha256_final(&state, mac.data());
  return signing_input + "." + base64url_encode(std::string_view(reinterpret_cast<const char*>(mac.data()), mac.size()));
}

constexpr std::string_view kHs256Header = R"({"alg":"HS256","typ":"JWT"})";

std::int64_t unix_now() {
  return std::chrono::duration_cast<std::chrono::seconds>(std::chrono::system_clock::now().time_since_epoch()).count();
}

json::object claims(const std::string& subject, std::int64_t issued_at, std::int64_t expires_at) {
  return {{"iss", "hotelcoupon"}, {"aud", "hotelcoupon-api"}, {"sub", subject}, {"role", "user"},
          {"sid", "test-session"}, {"iat", issued_at},        {"exp", expires_at}};
}

struct TokenParts {
  std::string header;
  std::string payload;
  std::string signature;
};

TokenParts split(const std::string& token) {
  const auto first = token.find('.');
  const auto second = token.find('.', first + 1);
  if (first == std::string::npos || second == std::string::npos) throw std::runtime_error("not a JWT: " + token);
  return {token.substr(0, first), token.substr(first + 1, second - first - 1), token.substr(second + 1)};
}

bool is_rfc3339_utc(const std::string& text) {
  return std::regex_match(text, std::regex(R"(\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}Z)"));
}

// ---- Fixture: one server per test; every password and token used is checked against its log --------------

class Accounts : public ::testing::Test {
 protected:
  void TearDown() override {
    const auto leaked = leaked_secrets(server.log(), secrets);
    EXPECT_TRUE(leaked.empty()) << "the server log contains secrets: " << joined(leaked);
  }

  HttpResult signup(const std::string& email, std::string_view password, const std::string& role = "user") {
    secrets.emplace_back(password);
    return register_account(client, email, std::string(password), role);
  }

  HttpResult signin(const std::string& email, std::string_view password) {
    secrets.emplace_back(password);
    return remember(login(client, email, std::string(password)));
  }

  HttpResult post(const std::string& target, const json::object& body, const std::string& token = {}) {
    return remember(client.post(target, json::serialize(body), token));
  }

  HttpResult refresh_with_body(const std::string& refresh_token) {
    return post("/api/v1/auth/refresh", {{"refresh_token", refresh_token}});
  }

  HttpResult refresh_with_cookie(const std::string& refresh_token) {
    return remember(
        client.request(http_verb::post, "/api/v1/auth/refresh", {}, {{"Cookie", "hc_refresh=" + refresh_token}}));
  }

  // Records the tokens of a session answer so that TearDown can look for them in the log.
  HttpResult remember(HttpResult result) {
    boost::system::error_code ec;
    const auto body = json::parse(result.body, ec);
    if (!ec) {
      for (const char* pointer : {"/access_token", "/refresh_token"}) {
        if (auto token = json_text(body, pointer); !token.empty()) secrets.push_back(token);
      }
    }
    return result;
  }

  // Registers a traveller and signs in: {access_token, refresh_token, user}.
  json::value signed_in_traveller(const std::string& email = "traveller@example.com") {
    const auto registered = signup(email, kPassword);
    EXPECT_EQ(registered.status, 201u) << registered.body;
    const auto session = signin(email, kPassword);
    EXPECT_EQ(session.status, 200u) << session.body;
    return session.json();
  }

  ServerProcess server;
  HttpClient client{server.port()};
  std::vector<std::string> secrets;  // must never appear in the server log
};

// ---- Registration --------------------------------------------------------------------------------------

TEST_F(Accounts, RegisterTravellerReturnsUserWithoutSecrets) {
  const auto result = signup("traveller@example.com", kPassword);
  ASSERT_EQ(result.status, 201u) << result.body;
  EXPECT_TRUE(result.header("Content-Type").starts_with("application/json")) << result.header("Content-Type");
  const auto body = result.json();
  const auto& user = body.as_object().at("user").as_object();
  EXPECT_FALSE(json_text(user, "/id").empty());
  EXPECT_EQ(json_text(user, "/email"), "traveller@example.com");
  EXPECT_EQ(json_text(user, "/name"), "Test Person");
  EXPECT_EQ(json_text(user, "/role"), "user");
  EXPECT_TRUE(is_rfc3339_utc(json_text(user, "/created_at"))) << json_text(user, "/created_at");
  EXPECT_FALSE(user.contains("hotel"));
  EXPECT_EQ(result.body.find("password"), std::string::npos) << result.body;
  EXPECT_EQ(result.body.find("hash"), std::string::npos) << result.body;
  EXPECT_EQ(result.body.find("$argon2"), std::string::npos) << result.body;
  EXPECT_EQ(result.body.find(kPassword), std::string::npos) << result.body;
}

TEST_F(Accounts, RegisterNormalisesTheEmail) {
  const auto result = signup("  Alex@Example.COM ", kPassword);
  ASSERT_EQ(result.status, 201u) << result.body;
  EXPECT_EQ(json_text(result.json(), "/user/email"), "alex@example.com");
  // The normalised address is the one that signs in, whatever its spelling.
  EXPECT_EQ(signin("ALEX@example.com", kPassword).status, 200u);
}

TEST_F(Accounts, RegisterHotelierReturnsTheHotel) {
  const auto result = signup("owner@hotel.com", kPassword, "hotelier");
  ASSERT_EQ(result.status, 201u) << result.body;
  const auto body = result.json();
  EXPECT_EQ(json_text(body, "/user/role"), "hotelier");
  const auto& hotel = body.at_pointer("/user/hotel").as_object();
  EXPECT_FALSE(json_text(hotel, "/id").empty());
  EXPECT_EQ(json_text(hotel, "/name"), "Hotel Test");
  EXPECT_EQ(json_text(hotel, "/city"), "Dublin");
  EXPECT_EQ(json_text(hotel, "/country"), "Ireland");
  EXPECT_EQ(json_text(hotel, "/timezone"), "Europe/Dublin");
  EXPECT_EQ(json_text(hotel, "/description"), "A test hotel");
  ASSERT_TRUE(hotel.contains("logo_url"));
  EXPECT_TRUE(hotel.at("logo_url").is_null());
}

TEST_F(Accounts, HotelierWithoutHotelIsRejected) {
  secrets.emplace_back(kPassword);
  const auto result = post("/api/v1/auth/register", {{"email", "owner@hotel.com"},
                                                      {"password", kPassword},
                                                      {"name", "Owner"},
                                                      {"role", "hotelier"}});
  EXPECT_EQ(result.status, 400u) << result.body;
  EXPECT_EQ(result.error_code(), "validation_failed");
  EXPECT_TRUE(contains(detail_fields(result), "hotel")) << result.body;
}

TEST_F(Accounts, TravellerWithHotelIsRejected) {
  secrets.emplace_back(kPassword);
  const json::object hotel{{"name", "H"}, {"city", "Dublin"}, {"country", "Ireland"}, {"timezone", "Europe/Dublin"}};
  const auto result = post("/api/v1/auth/register", {{"email", "traveller@example.com"},
                                                      {"password", kPassword},
                                                      {"name", "Traveller"},
                                                      {"role", "user"},
                                                      {"hotel", hotel}});
  EXPECT_EQ(result.status, 400u) << result.body;
  EXPECT_EQ(result.error_code(), "validation_failed");
  EXPECT_TRUE(contains(detail_fields(result), "hotel")) << result.body;
}

TEST_F(Accounts, UnknownTimezoneIsRejected) {
  secrets.emplace_back(kPassword);
  const json::object hotel{{"name", "Red Planet Inn"}, {"city", "Olympus"}, {"country", "Mars"},
                           {"timezone", "Mars/Olympus"}, {"description", "Low gravity"}};
  const auto result = post("/api/v1/auth/register", {{"email", "owner@hotel.com"},
                                                      {"password", kPassword},
                                                      {"name", "Owner"},
                                                      {"role", "hotelier"},
                                                      {"hotel", hotel}});
  EXPECT_EQ(result.status, 400u) << result.body;
  EXPECT_EQ(result.error_code(), "validation_failed");
  EXPECT_TRUE(contains(detail_fields(result), "hotel.timezone")) << result.body;
}

TEST_F(Accounts, DuplicateEmailIsTakenWhateverItsCase) {
  ASSERT_EQ(signup("alex@example.com", kPassword).status, 201u);
  const auto same = signup("alex@example.com", kOtherPassword);
  EXPECT_EQ(same.status, 409u) << same.body;
  EXPECT_EQ(same.error_code(), "email_taken");
  const auto other_case = signup("ALEX@Example.com", kOtherPassword);
  EXPECT_EQ(other_case.status, 409u) << other_case.body;
  EXPECT_EQ(other_case.error_code(), "email_taken");
  // The first account is untouched: its password still works, the second one does not.
  EXPECT_EQ(signin("alex@example.com", kPassword).status, 200u);
  EXPECT_EQ(signin("alex@example.com", kOtherPassword).status, 401u);
}

TEST_F(Accounts, PasswordMustHaveTwelveToOneHundredTwentyEightCharacters) {
  const auto too_short = signup("a@example.com", std::string(11, 'p'));
  EXPECT_EQ(too_short.status, 400u) << too_short.body;
  EXPECT_EQ(too_short.error_code(), "validation_failed");
  EXPECT_TRUE(contains(detail_fields(too_short), "password")) << too_short.body;

  const auto too_long = signup("b@example.com", std::string(129, 'p'));
  EXPECT_EQ(too_long.status, 400u) << too_long.body;
  EXPECT_EQ(too_long.error_code(), "validation_failed");
  EXPECT_TRUE(contains(detail_fields(too_long), "password")) << too_long.body;

  EXPECT_EQ(signup("c@example.com", std::string(12, 'p')).status, 201u);
  EXPECT_EQ(signup("d@example.com", std::string(128, 'q')).status, 201u);
}

TEST_F(Accounts, EveryBadFieldIsListedAtOnce) {
  const auto result = signup("not-an-email", "short", "admin");
  EXPECT_EQ(result.status, 400u) << result.body;
  EXPECT_EQ(result.error_code(), "validation_failed");
  const auto fields = detail_fields(result);
  EXPECT_TRUE(contains(fields, "email")) << result.body;
  EXPECT_TRUE(contains(fields, "password")) << result.body;
  EXPECT_TRUE(contains(fields, "role")) << result.body;
  // Each entry explains itself.
  const auto body = result.json();
  for (const auto& entry : body.at_pointer("/error/details").as_array()) {
    EXPECT_FALSE(json_text(entry, "/message").empty()) << json::serialize(entry);
  }
}

TEST_F(Accounts, FieldsTheServerOwnsCannotBeSet) {
  secrets.emplace_back(kPassword);
  const auto result = post("/api/v1/auth/register", {{"email", "sneaky@example.com"},
                                                      {"password", kPassword},
                                                      {"name", "Sneaky"},
                                                      {"role", "user"},
                                                      {"id", "chosen-id"},
                                                      {"role_admin", true},
                                                      {"created_at", "2000-01-01T00:00:00Z"}});
  EXPECT_EQ(result.status, 400u) << result.body;
  EXPECT_EQ(result.error_code(), "validation_failed");
  const auto fields = detail_fields(result);
  EXPECT_TRUE(contains(fields, "id")) << result.body;
  EXPECT_TRUE(contains(fields, "role_admin")) << result.body;
  EXPECT_TRUE(contains(fields, "created_at")) << result.body;
  // Nothing was created.
  EXPECT_EQ(signin("sneaky@example.com", kPassword).status, 401u);
}

// ---- Login ---------------------------------------------------------------------------------------------

TEST_F(Accounts, LoginReturnsTokensAndAnHttpOnlyRefreshCookie) {
  ASSERT_EQ(signup("traveller@example.com", kPassword).status, 201u);
  const auto result = signin("traveller@example.com", kPassword);
  ASSERT_EQ(result.status, 200u) << result.body;
  const auto body = result.json();
  const std::string access = json_text(body, "/access_token");
  const std::string refresh = json_text(body, "/refresh_token");
  EXPECT_EQ(std::count(access.begin(), access.end(), '.'), 2) << access;
  EXPECT_EQ(json_text(body, "/token_type"), "Bearer");
  ASSERT_TRUE(body.as_object().contains("expires_in"));
  EXPECT_EQ(body.as_object().at("expires_in").to_number<std::int64_t>(), 900);
  EXPECT_FALSE(refresh.empty());
  EXPECT_EQ(json_text(body, "/user/email"), "traveller@example.com");
  EXPECT_EQ(json_text(body, "/user/role"), "user");
  EXPECT_EQ(result.body.find("password"), std::string::npos) << result.body;

  const auto cookies = result.all("Set-Cookie");
  ASSERT_EQ(cookies.size(), 1u);
  const std::string& cookie = cookies.front();
  EXPECT_TRUE(cookie.starts_with("hc_refresh=" + refresh + ";")) << cookie;
  EXPECT_NE(cookie.find("; Path=/api/v1/auth"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; HttpOnly"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; Secure"), std::string::npos) << cookie;
  EXPECT_NE(cookie.find("; SameSite=Strict"), std::string::npos) << cookie;
}

TEST_F(Accounts, WrongPasswordAndUnknownEmailLookTheSame) {
  ASSERT_EQ(signup("traveller@example.com", kPassword).status, 201u);
  const auto wrong_password = signin("traveller@example.com", kOtherPassword);
  const auto unknown_email = signin("nobody@example.com", kOtherPassword);
  EXPECT_EQ(wrong_password.status, 401u) << wrong_password.body;
  EXPECT_EQ(unknown_email.status, wrong_password.status) << unknown_email.body;
  EXPECT_EQ(wrong_password.error_code(), "invalid_credentials");
  EXPECT_EQ(unknown_email.error_code(), wrong_password.error_code());
  EXPECT_EQ(json_text(unknown_email.json(), "/error/message"), json_text(wrong_password.json(), "/error/message"));
  EXPECT_FALSE(json_text(wrong_password.json(), "/error/message").empty());
  EXPECT_TRUE(unknown_email.all("Set-Cookie").empty());
  EXPECT_TRUE(wrong_password.all("Set-Cookie").empty());
}

// ---- /me and access tokens -------------------------------------------------------------------------------

TEST_F(Accounts, MeReturnsTheSignedInTraveller) {
  const auto session = signed_in_traveller();
  const auto me = client.get("/api/v1/me", json_text(session, "/access_token"));
  ASSERT_EQ(me.status, 200u) << me.body;
  const auto body = me.json();
  EXPECT_EQ(json_text(body, "/id"), json_text(session, "/user/id"));
  EXPECT_EQ(json_text(body, "/email"), "traveller@example.com");
  EXPECT_EQ(json_text(body, "/name"), "Test Person");
  EXPECT_EQ(json_text(body, "/role"), "user");
  EXPECT_TRUE(is_rfc3339_utc(json_text(body, "/created_at")));
  EXPECT_FALSE(body.as_object().contains("hotel"));
  EXPECT_EQ(me.body.find("password"), std::string::npos) << me.body;
}

TEST_F(Accounts, MeIncludesTheHotelOfAHotelier) {
  ASSERT_EQ(signup("owner@hotel.com", kPassword, "hotelier").status, 201u);
  const auto session = signin("owner@hotel.com", kPassword);
  ASSERT_EQ(session.status, 200u) << session.body;
  const auto me = client.get("/api/v1/me", json_text(session.json(), "/access_token"));
  ASSERT_EQ(me.status, 200u) << me.body;
  const auto body = me.json();
  EXPECT_EQ(json_text(body, "/role"), "hotelier");
  EXPECT_EQ(json_text(body, "/hotel/name"), "Hotel Test");
  EXPECT_EQ(json_text(body, "/hotel/timezone"), "Europe/Dublin");
  EXPECT_FALSE(json_text(body, "/hotel/id").empty());
}

TEST_F(Accounts, MeWithoutTokenIsUnauthenticated) {
  const auto me = client.get("/api/v1/me");
  EXPECT_EQ(me.status, 401u) << me.body;
  EXPECT_EQ(me.error_code(), "unauthenticated");
  EXPECT_FALSE(me.header("WWW-Authenticate").empty());
  EXPECT_TRUE(me.header("WWW-Authenticate").starts_with("Bearer")) << me.header("WWW-Authenticate");
}

TEST_F(Accounts, MeWithGarbageTokenIsInvalid) {
  for (const std::string token : {"garbage", "a.b.c", "not.a.jwt.at.all"}) {
    const auto me = client.get("/api/v1/me", token);
    EXPECT_EQ(me.status, 401u) << token << ": " << me.body;
    EXPECT_EQ(me.error_code(), "invalid_token") << token;
    EXPECT_FALSE(me.header("WWW-Authenticate").empty()) << token;
  }
  const auto other_scheme = client.request(http_verb::get, "/api/v1/me", {}, {{"Authorization", "Basic YTpi"}});
  EXPECT_EQ(other_scheme.status, 401u) << other_scheme.body;
}

TEST_F(Accounts, AlgNoneTokenIsRejected) {
  const auto session = signed_in_traveller();
  const auto parts = split(json_text(session, "/access_token"));
  const std::string unsigned_token = base64url_encode(R"({"alg":"none","typ":"JWT"})") + "." + parts.payload + ".";
  const auto me = client.get("/api/v1/me", unsigned_token);
  EXPECT_EQ(me.status, 401u) << me.body;
  EXPECT_EQ(me.error_code(), "invalid_token");
  // Nor with the original signature kept.
  const auto kept = client.get("/api/v1/me", base64url_encode(R"({"alg":"none","typ":"JWT"})") + "." +
                                                 parts.payload + "." + parts.signature);
  EXPECT_EQ(kept.status, 401u) << kept.body;
}

TEST_F(Accounts, TokenWithWrongSignatureIsRejected) {
  const auto session = signed_in_traveller();
  const std::string token = json_text(session, "/access_token");
  ASSERT_EQ(client.get("/api/v1/me", token).status, 200u);
  auto parts = split(token);
  parts.signature[0] = parts.signature[0] == 'A' ? 'B' : 'A';
  const auto me = client.get("/api/v1/me", parts.header + "." + parts.payload + "." + parts.signature);
  EXPECT_EQ(me.status, 401u) << me.body;
  EXPECT_EQ(me.error_code(), "invalid_token");
}

TEST_F(Accounts, TokenWithTamperedPayloadIsRejected) {
  const auto session = signed_in_traveller();
  const auto parts = split(json_text(session, "/access_token"));
  std::string payload = base64url_decode(parts.payload);
  const auto role = payload.find(R"("role":"user")");
  ASSERT_NE(role, std::string::npos) << payload;
  payload.replace(role, std::string_view(R"("role":"user")").size(), R"("role":"hotelier")");
  const auto me = client.get("/api/v1/me", parts.header + "." + base64url_encode(payload) + "." + parts.signature);
  EXPECT_EQ(me.status, 401u) << me.body;
  EXPECT_EQ(me.error_code(), "invalid_token");
}

TEST_F(Accounts, TokenSignedWithTheServerKeyAndValidClaimsIsAccepted) {
  // Shows that the crafted tokens of the neighbouring tests fail only for the reason each one names.
  const auto session = signed_in_traveller();
  const std::string key = server_token_key(server);
  const std::int64_t now = unix_now();
  const std::string token = hs256(key, kHs256Header, json::serialize(claims(json_text(session, "/user/id"), now, now + 300)));
  secrets.push_back(token);
  const auto me = client.get("/api/v1/me", token);
  EXPECT_EQ(me.status, 200u) << me.body;
  EXPECT_EQ(json_text(me.json(), "/email"), "traveller@example.com");
}

TEST_F(Accounts, ExpiredTokenIsRejected) {
  const auto session = signed_in_traveller();
  const std::string key = server_token_key(server);
  const std::int64_t now = unix_now();
  const std::string token =
      hs256(key, kHs256Header, json::serialize(claims(json_text(session, "/user/id"), now - 3600, now - 120)));
  secrets.push_back(token);
  const auto me = client.get("/api/v1/me", token);
  EXPECT_EQ(me.status, 401u) << me.body;
  EXPECT_EQ(me.error_code(), "invalid_token");
}

TEST_F(Accounts, TokenForAnotherAudienceOrIssuerIsRejected) {
  const auto session = signed_in_traveller();
  const std::string key = server_token_key(server);
  const std::int64_t now = unix_now();
  auto wrong_audience = claims(json_text(session, "/user/id"), now, now + 300);
  wrong_audience["aud"] = "another-api";
  auto wrong_issuer = claims(json_text(session, "/user/id"), now, now + 300);
  wrong_issuer["iss"] = "someone-else";
  auto no_audience = claims(json_text(session, "/user/id"), now, now + 300);
  no_audience.erase("aud");
  for (const auto& payload : {wrong_audience, wrong_issuer, no_audience}) {
    const std::string token = hs256(key, kHs256Header, json::serialize(payload));
    secrets.push_back(token);
    const auto me = client.get("/api/v1/me", token);
    EXPECT_EQ(me.status, 401u) << json::serialize(payload) << ": " << me.body;
    EXPECT_EQ(me.error_code(), "invalid_token") << json::serialize(payload);
  }
}

// ---- Refresh and logout ----------------------------------------------------------------------------------

TEST_F(Accounts, RefreshRotatesTheTokenFromBodyOrCookie) {
  const auto session = signed_in_traveller();
  const std::string r1 = json_text(session, "/refresh_token");

  const auto first = refresh_with_body(r1);
  ASSERT_EQ(first.status, 200u) << first.body;
  const std::string r2 = json_text(first.json(), "/refresh_token");
  EXPECT_FALSE(r2.empty());
  EXPECT_NE(r2, r1);
  EXPECT_EQ(json_text(first.json(), "/token_type"), "Bearer");
  EXPECT_EQ(json_text(first.json(), "/user/email"), "traveller@example.com");
  ASSERT_EQ(first.all("Set-Cookie").size(), 1u);
  EXPECT_TRUE(first.header("Set-Cookie").starts_with("hc_refresh=" + r2 + ";")) << first.header("Set-Cookie");
  const std::string new_access = json_text(first.json(), "/access_token");
  EXPECT_EQ(client.get("/api/v1/me", new_access).status, 200u);

  const auto second = refresh_with_cookie(r2);
  ASSERT_EQ(second.status, 200u) << second.body;
  const std::string r3 = json_text(second.json(), "/refresh_token");
  EXPECT_FALSE(r3.empty());
  EXPECT_NE(r3, r2);
  EXPECT_NE(r3, r1);
}

TEST_F(Accounts, RefreshCookieIsFoundAmongOtherCookies) {
  const auto session = signed_in_traveller();
  const std::string r1 = json_text(session, "/refresh_token");
  const auto result = remember(client.request(http_verb::post, "/api/v1/auth/refresh", {},
                                              {{"Cookie", "theme=dark; hc_refresh=" + r1 + "; lang=en"}}));
  EXPECT_EQ(result.status, 200u) << result.body;
  EXPECT_NE(json_text(result.json(), "/refresh_token"), r1);
}

TEST_F(Accounts, AnAccessTokenIsNotARefreshToken) {
  const auto session = signed_in_traveller();
  const auto result = refresh_with_body(json_text(session, "/access_token"));
  EXPECT_EQ(result.status, 401u) << result.body;
  EXPECT_EQ(result.error_code(), "invalid_token");
}

TEST_F(Accounts, RefreshWithoutAnyTokenIsUnauthenticated) {
  const auto none = client.request(http_verb::post, "/api/v1/auth/refresh");
  EXPECT_EQ(none.status, 401u) << none.body;
  const auto unknown = refresh_with_body("not-a-refresh-token");
  EXPECT_EQ(unknown.status, 401u) << unknown.body;
  EXPECT_EQ(unknown.error_code(), "invalid_token");
}

TEST_F(Accounts, ReusedRefreshTokenRevokesItsFamily) {
  const auto session = signed_in_traveller();
  const std::string r1 = json_text(session, "/refresh_token");
  const auto first = refresh_with_body(r1);
  ASSERT_EQ(first.status, 200u) << first.body;
  const std::string r2 = json_text(first.json(), "/refresh_token");
  const auto second = refresh_with_cookie(r2);
  ASSERT_EQ(second.status, 200u) << second.body;
  const std::string r3 = json_text(second.json(), "/refresh_token");

  // Somebody replays the first token: refused, and the whole family with it.
  const auto replay = refresh_with_body(r1);
  EXPECT_EQ(replay.status, 401u) << replay.body;
  EXPECT_EQ(replay.error_code(), "invalid_token");
  const auto newest = refresh_with_body(r3);
  EXPECT_EQ(newest.status, 401u) << "the newest token of a revoked family still works: " << newest.body;

  // Another sign-in is another family, untouched.
  const auto other = signin("traveller@example.com", kPassword);
  ASSERT_EQ(other.status, 200u) << other.body;
  const auto other_refresh = refresh_with_body(json_text(other.json(), "/refresh_token"));
  EXPECT_EQ(other_refresh.status, 200u) << other_refresh.body;
}

TEST_F(Accounts, LogoutRevokesTheRefreshTokenAndClearsTheCookie) {
  const auto session = signed_in_traveller();
  const std::string access = json_text(session, "/access_token");
  const std::string refresh = json_text(session, "/refresh_token");
  const auto logout = post("/api/v1/auth/logout", {{"refresh_token", refresh}}, access);
  EXPECT_EQ(logout.status, 204u) << logout.body;
  EXPECT_TRUE(logout.body.empty());
  const auto cookies = logout.all("Set-Cookie");
  ASSERT_EQ(cookies.size(), 1u);
  EXPECT_TRUE(cookies.front().starts_with("hc_refresh=;")) << cookies.front();
  EXPECT_NE(cookies.front().find("Max-Age=0"), std::string::npos) << cookies.front();
  EXPECT_NE(cookies.front().find("Path=/api/v1/auth"), std::string::npos) << cookies.front();

  const auto after = refresh_with_body(refresh);
  EXPECT_EQ(after.status, 401u) << after.body;
}

TEST_F(Accounts, LogoutWithTheCookieRevokesThatSession) {
  const auto session = signed_in_traveller();
  const std::string refresh = json_text(session, "/refresh_token");
  const auto logout = client.request(http_verb::post, "/api/v1/auth/logout", {},
                                     {{"Authorization", "Bearer " + json_text(session, "/access_token")},
                                      {"Cookie", "hc_refresh=" + refresh}});
  EXPECT_EQ(logout.status, 204u) << logout.body;
  EXPECT_EQ(refresh_with_body(refresh).status, 401u);
}

TEST_F(Accounts, LogoutCannotRevokeAnotherUsersSession) {
  const auto mine = signed_in_traveller("me@example.com");
  const auto theirs = signed_in_traveller("them@example.com");
  const std::string their_refresh = json_text(theirs, "/refresh_token");
  const auto logout =
      post("/api/v1/auth/logout", {{"refresh_token", their_refresh}}, json_text(mine, "/access_token"));
  EXPECT_EQ(logout.status, 204u) << logout.body;
  EXPECT_EQ(refresh_with_body(their_refresh).status, 200u) << "one user's logout revoked another user's session";
}

TEST_F(Accounts, LogoutWithoutTokenIsUnauthenticated) {
  const auto session = signed_in_traveller();
  const std::string refresh = json_text(session, "/refresh_token");
  const auto logout = post("/api/v1/auth/logout", {{"refresh_token", refresh}});
  EXPECT_EQ(logout.status, 401u) << logout.body;
  EXPECT_EQ(logout.error_code(), "unauthenticated");
  // The refresh token was not revoked by the refused call.
  EXPECT_EQ(refresh_with_body(refresh).status, 200u);
}

// ---- Throttling ----------------------------------------------------------------------------------------

int retry_after_seconds(const HttpResult& result) {
  const std::string value = result.header("Retry-After");
  if (value.empty() || !std::all_of(value.begin(), value.end(), [](char c) { return c >= '0' && c <= '9'; })) {
    return -1;
  }
  return std::stoi(value);
}

TEST_F(Accounts, RepeatedWrongPasswordsLockTheAccount) {
  ASSERT_EQ(signup("traveller@example.com", kPassword).status, 201u);
  for (int attempt = 1; attempt <= 10; ++attempt) {
    const auto result = signin("traveller@example.com", "wrong-password-" + std::to_string(attempt));
    ASSERT_EQ(result.status, 401u) << "attempt " << attempt << ": " << result.body;
    EXPECT_EQ(result.error_code(), "invalid_credentials");
  }
  const auto locked = signin("traveller@example.com", kPassword);
  EXPECT_EQ(locked.status, 429u) << locked.body;
  EXPECT_EQ(locked.error_code(), "rate_limited");
  EXPECT_GT(retry_after_seconds(locked), 0) << "Retry-After: '" << locked.header("Retry-After") << "'";
  EXPECT_TRUE(locked.json().as_object().if_contains("access_token") == nullptr);
}

TEST_F(Accounts, FailuresFromOneAddressAcrossAccountsAreThrottled) {
  ASSERT_EQ(signup("victim@example.com", kPassword).status, 201u);
  for (int attempt = 1; attempt <= 10; ++attempt) {
    const auto result = signin("guess" + std::to_string(attempt) + "@example.com", kOtherPassword);
    ASSERT_EQ(result.status, 401u) << "attempt " << attempt << ": " << result.body;
  }
  const auto throttled = signin("victim@example.com", kOtherPassword);
  EXPECT_EQ(throttled.status, 429u) << throttled.body;
  EXPECT_EQ(throttled.error_code(), "rate_limited");
  EXPECT_GT(retry_after_seconds(throttled), 0) << "Retry-After: '" << throttled.header("Retry-After") << "'";
}

TEST_F(Accounts, ForwardedForHeaderDoesNotEvadeAddressThrottling) {
  // Without --trust-proxy, X-Forwarded-For is the client's word and must not pick the throttling address.
  secrets.emplace_back(kOtherPassword);
  const std::string body =
      json::serialize(json::object{{"email", "nobody@example.com"}, {"password", kOtherPassword}});
  for (int attempt = 1; attempt <= 10; ++attempt) {
    const auto result = client.request(
        http_verb::post, "/api/v1/auth/login",
        R"({"email":"guess)" + std::to_string(attempt) + R"(@example.com","password":")" + std::string(kOtherPassword) + R"("})",
        {{"Content-Type", "application/json"}, {"X-Forwarded-For", "203.0.113." + std::to_string(attempt)}});
    ASSERT_EQ(result.status, 401u) << "attempt " << attempt << ": " << result.body;
  }
  const auto throttled = client.request(http_verb::post, "/api/v1/auth/login", body,
                                        {{"Content-Type", "application/json"}, {"X-Forwarded-For", "198.51.100.7"}});
  EXPECT_EQ(throttled.status, 429u) << throttled.body;
}

}  // namespace
}  // namespace hc::test
