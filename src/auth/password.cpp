#include "auth/password.hpp"

#include "core/text.hpp"

#include <sodium.h>

#include <stdexcept>

#include "core/random.hpp"

namespace hc::auth {
namespace {

constexpr std::size_t kMinPasswordChars = 12;
constexpr std::size_t kMaxPasswordChars = 128;
constexpr std::size_t kDummyPasswordBytes = 32;

void check_params(const PasswordParams& params) {
  if (params.opslimit < crypto_pwhash_argon2id_OPSLIMIT_MIN || params.opslimit > crypto_pwhash_argon2id_OPSLIMIT_MAX) {
    throw std::invalid_argument("argon2id opslimit outside libsodium's limits");
  }
  if (params.memlimit < crypto_pwhash_argon2id_MEMLIMIT_MIN || params.memlimit > crypto_pwhash_argon2id_MEMLIMIT_MAX) {
    throw std::invalid_argument("argon2id memlimit outside libsodium's limits");
  }
}

}  // namespace

PasswordHasher::PasswordHasher(PasswordParams params) : params_(params) {
  check_params(params_);
  ensure_sodium();
  dummy_hash_ = hash(random_token(kDummyPasswordBytes));
}

std::string PasswordHasher::hash(std::string_view password) const {
  char out[crypto_pwhash_STRBYTES] = {};
  if (crypto_pwhash_str_alg(out, password.data(), password.size(), params_.opslimit, params_.memlimit,
                            crypto_pwhash_ALG_ARGON2ID13) != 0) {
    throw std::runtime_error("password hashing ran out of memory");
  }
  return std::string(out);
}

bool PasswordHasher::verify(std::string_view stored_hash, std::string_view password) const {
  // libsodium reads stored_hash up to a NUL; an embedded one would make it judge only a prefix.
  if (stored_hash.find('\0') != std::string_view::npos) {
    return false;
  }
  const std::string terminated(stored_hash);
  return crypto_pwhash_str_verify(terminated.c_str(), password.data(), password.size()) == 0;
}

bool PasswordHasher::needs_rehash(std::string_view stored_hash) const {
  if (stored_hash.find('\0') != std::string_view::npos) {
    return true;
  }
  const std::string terminated(stored_hash);
  return crypto_pwhash_str_needs_rehash(terminated.c_str(), params_.opslimit, params_.memlimit) != 0;
}

void PasswordHasher::verify_dummy(std::string_view password) const {
  static_cast<void>(verify(dummy_hash_, password));
}

std::optional<std::string> password_policy_violation(std::string_view password) {
  const auto code_points = utf8_length(password);
  if (!code_points) {
    return "Password must be valid UTF-8 text.";
  }
  if (*code_points < kMinPasswordChars) {
    return "Password must be at least 12 characters long.";
  }
  if (*code_points > kMaxPasswordChars) {
    return "Password must be at most 128 characters long.";
  }
  return std::nullopt;
}

}  // namespace hc::auth
