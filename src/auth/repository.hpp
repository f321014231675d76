#pragma once
// What the accounts module needs from storage. Each method is one atomic operation; calls block and are
// made from the worker pool.
#include "auth/model.hpp"
#include "core/error.hpp"
#include "core/result.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace hc::auth {

enum class RotationOutcome {
  rotated,  // the token was live; it is now used and its successor stored
  reused,   // the token had already been used or revoked: its whole family is now revoked
  unknown,  // no such token, or it has expired
};

struct Rotation {
  RotationOutcome outcome = RotationOutcome::unknown;
  std::string user_id;
  std::string family_id;
};

class AccountRepository {
 public:
  virtual ~AccountRepository() = default;

  //! Stores a user and, for a hotelier, their hotel, in one transaction; Errc::email_taken if the e-mail exists.
  virtual Result<Ok, Errc> create_user(const User& user) = 0;
  //! The user with this normalised e-mail, with their hotel.
  virtual std::optional<User> find_user_by_email(std::string_view email) = 0;
  //! The user with this id, with their hotel.
  virtual std::optional<User> find_user(std::string_view user_id) = 0;
  //! Replaces a user's password hash (after a rehash with stronger parameters).
  virtual void update_password_hash(std::string_view user_id, std::string_view password_hash) = 0;
  //! How many accounts exist.
  virtual std::int64_t count_users() = 0;

  //! Stores the first refresh token of a new session family.
  virtual void insert_refresh_token(const RefreshToken& token) = 0;
  //! Atomically trades a live token for `successor` (whose family and user are taken from the old token);
  //! presenting a token that was already used or revoked revokes its whole family.
  virtual Rotation rotate_refresh_token(std::string_view token_hash, RefreshToken successor, SysSeconds now) = 0;
  //! Revokes the family of the token with this hash, if it belongs to the user; false if it does not.
  virtual bool revoke_family_of(std::string_view token_hash, std::string_view user_id, SysSeconds now) = 0;
  //! Revokes every session family of a user.
  virtual void revoke_all_families(std::string_view user_id, SysSeconds now) = 0;
};

}  // namespace hc::auth
