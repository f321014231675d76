#pragma once
// The accounts rules: registration, sign-in with throttling, refresh-token rotation, sign-out, and access
// token verification. Synchronous and free of I/O details; handlers run it on the worker pool.
#include "auth/jwt.hpp"
#include "auth/model.hpp"
#include "auth/password.hpp"
#include "auth/repository.hpp"
#include "hotels/rules.hpp"
#include "core/error.hpp"
#include "core/failure_limiter.hpp"
#include "core/result.hpp"
#include "core/time.hpp"

#include <chrono>
#include <optional>
#include <string>

namespace hc::auth {

struct AuthSettings {
  std::chrono::seconds access_token_ttl{15 * 60};
  std::chrono::seconds refresh_token_ttl{30 * 24 * 3600};
};

using HotelInput = hotels::HotelFields;

struct Registration {
  std::string email;
  std::string password;
  std::string name;
  std::string role;
  std::optional<HotelInput> hotel;
  std::vector<FieldIssue> read_issues;  // problems found while reading the request (unknown fields, wrong types)
};

//! What a successful sign-in or refresh hands the client.
struct IssuedSession {
  std::string access_token;
  std::chrono::seconds expires_in{};
  std::string refresh_token;
  SysSeconds refresh_expires_at{};
  User user;
};

class AuthService {
 public:
  AuthService(AccountRepository& accounts, const PasswordHasher& hasher, const JwtCodec& tokens,
              FailureLimiter& login_failures, AuthSettings settings, NowFn now);

  //! Creates a traveller, or a hotelier with their hotel; every bad field is reported at once.
  Result<User, Error> register_user(const Registration& registration);
  //! Signs in; the same 401 for an unknown e-mail and a wrong password, 429 once throttled.
  Result<IssuedSession, Error> login(std::string_view email, std::string_view password,
                                     std::string_view client_address);
  //! Trades a refresh token for a new pair; a reused token revokes its family.
  Result<IssuedSession, Error> refresh(std::string_view refresh_token);
  //! Ends the session of the given refresh token, or every session of the caller when none is given.
  void logout(const Principal& caller, std::optional<std::string_view> refresh_token);
  //! The caller's account.
  Result<User, Error> me(const Principal& caller);
  //! Verifies an access token.
  [[nodiscard]] Result<Principal, Error> authenticate(std::string_view access_token) const;

 private:
  IssuedSession issue_session(const User& user, const std::string& family_id, const std::string& refresh_token);
  std::vector<FieldIssue> validate(const Registration& registration) const;

  AccountRepository& accounts_;
  const PasswordHasher& hasher_;
  const JwtCodec& tokens_;
  FailureLimiter& login_failures_;
  AuthSettings settings_;
  NowFn now_;
};

//! Trims and lower-cases an e-mail address.
std::string normalize_email(std::string_view email);

//! A message if the (normalised) e-mail address is not plausible.
std::optional<std::string> email_violation(std::string_view email);

}  // namespace hc::auth
