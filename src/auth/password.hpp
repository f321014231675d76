#pragma once
// Password hashing with argon2id. Neither passwords nor hashes are ever put into logs or exception messages.
#include <cstddef>
#include <optional>
#include <string>
#include <string_view>

namespace hc::auth {

//! Cost of one hash. The defaults are the OWASP minimum for argon2id: 19 MiB, t=2, p=1.
struct PasswordParams {
  unsigned long long opslimit = 2;
  std::size_t memlimit = 19u * 1024u * 1024u;
};

class PasswordHasher {
 public:
  //! Throws std::invalid_argument when params are outside libsodium's argon2id limits.
  explicit PasswordHasher(PasswordParams params = {});

  //! Returns a `$argon2id$v=19$m=...,t=...,p=1$...` string; throws std::runtime_error when memory runs out.
  std::string hash(std::string_view password) const;

  //! Tells whether password matches stored_hash; a malformed stored_hash never matches.
  bool verify(std::string_view stored_hash, std::string_view password) const;

  //! Tells whether stored_hash was made with other parameters (or is unreadable) and should be replaced.
  bool needs_rehash(std::string_view stored_hash) const;

  //! Spends the time of one verify, so a login for an unknown account looks like a wrong password.
  void verify_dummy(std::string_view password) const;

 private:
  PasswordParams params_;
  std::string dummy_hash_;
};

//! Returns a message for the user when password breaks the length policy (12 to 128 code points of UTF-8).
std::optional<std::string> password_policy_violation(std::string_view password);

}  // namespace hc::auth
