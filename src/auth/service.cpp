#include "auth/service.hpp"

#include "auth/refresh_token.hpp"
#include "core/random.hpp"
#include "core/text.hpp"

#include <algorithm>

namespace hc::auth {
namespace {

std::string account_key(std::string_view email) { return "login:account:" + std::string(email); }
std::string address_key(std::string_view address) { return "login:address:" + std::string(address); }

Error throttled(std::chrono::seconds retry_after) {
  Error error = make_error(Errc::rate_limited);
  error.message = "Too many failed sign-ins; try again later";
  error.retry_after = retry_after;
  return error;
}

void check_text(std::vector<FieldIssue>& issues, std::string_view field, std::string_view value, std::size_t min,
                std::size_t max) {
  if (auto problem = length_violation(value, min, max)) issues.push_back({std::string(field), *problem});
}

}  // namespace

std::string normalize_email(std::string_view email) { return ascii_lower(trim_spaces(email)); }

std::optional<std::string> email_violation(std::string_view email) {
  const auto at = email.find('@');
  const bool shaped = at != std::string_view::npos && at > 0 && at <= 64 && email.find('@', at + 1) == std::string_view::npos &&
                      email.size() <= 254 && email.find('.', at) != std::string_view::npos &&
                      email.back() != '.' && email[at + 1] != '.';
  const bool clean = std::none_of(email.begin(), email.end(), [](char c) {
    return c == ' ' || c == '<' || c == '>' || c == '"' || c == ',' || static_cast<unsigned char>(c) < 0x21;
  });
  if (!shaped || !clean) return "must be an e-mail address like name@example.com";
  return std::nullopt;
}

AuthService::AuthService(AccountRepository& accounts, const PasswordHasher& hasher, const JwtCodec& tokens,
                         FailureLimiter& login_failures, AuthSettings settings, NowFn now)
    : accounts_(accounts),
      hasher_(hasher),
      tokens_(tokens),
      login_failures_(login_failures),
      settings_(settings),
      now_(std::move(now)) {}

std::vector<FieldIssue> AuthService::validate(const Registration& registration) const {
  std::vector<FieldIssue> issues;
  const std::vector<FieldIssue> read_issues = registration.read_issues;
  if (auto problem = email_violation(normalize_email(registration.email))) issues.push_back({"email", *problem});
  if (auto problem = password_policy_violation(registration.password)) issues.push_back({"password", *problem});
  check_text(issues, "name", trim_spaces(registration.name), 1, 100);
  const auto role = parse_role(registration.role);
  if (!role) issues.push_back({"role", "must be \"user\" or \"hotelier\""});
  if (role == Role::hotelier && !registration.hotel) issues.push_back({"hotel", "is required for a hotelier"});
  if (role == Role::user && registration.hotel) issues.push_back({"hotel", "is only for hoteliers"});
  if (role == Role::hotelier && registration.hotel) {
    hotels::Hotel scratch;
    auto hotel_issues = hotels::apply_fields(scratch, *registration.hotel, "hotel.", true);
    issues.insert(issues.end(), hotel_issues.begin(), hotel_issues.end());
  }
  std::vector<FieldIssue> all = read_issues;
  merge_issues(all, issues);
  return all;
}

Result<User, Error> AuthService::register_user(const Registration& registration) {
  if (auto issues = validate(registration); !issues.empty()) return Failure{validation_error(std::move(issues))};
  const SysSeconds now = to_seconds(now_());
  User user;
  user.id = new_id();
  user.email = normalize_email(registration.email);
  user.name = std::string(trim_spaces(registration.name));
  user.role = *parse_role(registration.role);
  user.password_hash = hasher_.hash(registration.password);
  user.created_at = now;
  if (user.role == Role::hotelier) {
    hotels::Hotel hotel;
    hotel.id = new_id();
    hotel.owner_id = user.id;
    hotel.created_at = now;
    hotels::apply_fields(hotel, *registration.hotel, "hotel.", true);
    user.hotel = std::move(hotel);
  }
  if (auto stored = accounts_.create_user(user); !stored) return Failure{make_error(stored.error())};
  return user;
}

Result<IssuedSession, Error> AuthService::login(std::string_view email, std::string_view password,
                                                std::string_view client_address) {
  const std::string normalized = normalize_email(email);
  const auto now = now_();
  const std::string account = account_key(normalized);
  const std::string address = address_key(client_address);
  // Counted before the (slow) password check, so simultaneous guesses cannot slip past the limit.
  if (auto wait = begin_attempt(login_failures_, {account, address}, now)) return Failure{throttled(*wait)};

  const std::optional<User> user = accounts_.find_user_by_email(normalized);
  // An unknown e-mail costs one hash verification too, so timing does not tell which accounts exist.
  const bool verified = user ? hasher_.verify(user->password_hash, password) : (hasher_.verify_dummy(password), false);
  if (!verified) return Failure{make_error(Errc::invalid_credentials)};
  login_failures_.clear(account);
  login_failures_.forgive(address);
  if (hasher_.needs_rehash(user->password_hash)) {
    accounts_.update_password_hash(user->id, hasher_.hash(password));
  }
  const std::string family_id = new_id();
  const std::string refresh_token = new_refresh_token();
  IssuedSession session = issue_session(*user, family_id, refresh_token);
  accounts_.insert_refresh_token(RefreshToken{new_id(), family_id, user->id, hash_refresh_token(refresh_token),
                                              to_seconds(now), session.refresh_expires_at});
  return session;
}

Result<IssuedSession, Error> AuthService::refresh(std::string_view refresh_token) {
  if (refresh_token.empty() || refresh_token.size() > 256) return Failure{make_error(Errc::invalid_token)};
  const SysSeconds now = to_seconds(now_());
  const std::string successor_token = new_refresh_token();
  RefreshToken successor{new_id(), {}, {}, hash_refresh_token(successor_token), now, now + settings_.refresh_token_ttl};
  const Rotation rotation = accounts_.rotate_refresh_token(hash_refresh_token(refresh_token), successor, now);
  if (rotation.outcome != RotationOutcome::rotated) return Failure{make_error(Errc::invalid_token)};
  const std::optional<User> user = accounts_.find_user(rotation.user_id);
  if (!user) return Failure{make_error(Errc::invalid_token)};
  return issue_session(*user, rotation.family_id, successor_token);
}

void AuthService::logout(const Principal& caller, std::optional<std::string_view> refresh_token) {
  const SysSeconds now = to_seconds(now_());
  if (refresh_token && !refresh_token->empty() &&
      accounts_.revoke_family_of(hash_refresh_token(*refresh_token), caller.user_id, now)) {
    return;
  }
  // Without a token of theirs we cannot tell which session is meant: end them all, the safe reading.
  accounts_.revoke_all_families(caller.user_id, now);
}

Result<User, Error> AuthService::me(const Principal& caller) {
  std::optional<User> user = accounts_.find_user(caller.user_id);
  if (!user) return Failure{make_error(Errc::invalid_token)};
  return std::move(*user);
}

Result<Principal, Error> AuthService::authenticate(std::string_view access_token) const {
  auto claims = tokens_.verify(access_token, to_seconds(now_()));
  if (!claims) return Failure{make_error(Errc::invalid_token)};
  const auto role = parse_role(claims->role);
  if (!role) return Failure{make_error(Errc::invalid_token)};
  return Principal{claims->subject, *role, claims->session_id, claims->expires_at};
}

IssuedSession AuthService::issue_session(const User& user, const std::string& family_id,
                                         const std::string& refresh_token) {
  const SysSeconds now = to_seconds(now_());
  const AccessClaims claims{user.id, std::string(to_string(user.role)), family_id, now,
                            now + settings_.access_token_ttl};
  return IssuedSession{tokens_.sign(claims), settings_.access_token_ttl, refresh_token,
                       now + settings_.refresh_token_ttl, user};
}

}  // namespace hc::auth
