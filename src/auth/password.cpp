#include "auth/password.hpp"

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

// Length of the UTF-8 sequence introduced by `lead`, or 0 when lead cannot start one.
std::size_t sequence_length(unsigned char lead) {
  if (lead < 0x80) return 1;
  if (lead >= 0xC2 && lead <= 0xDF) return 2;
  if (lead >= 0xE0 && lead <= 0xEF) return 3;
  if (lead >= 0xF0 && lead <= 0xF4) return 4;
  return 0;
}

// The second byte carries the range limits that rule out overlong forms, surrogates and values past U+10FFFF.
bool second_byte_ok(unsigned char lead, unsigned char second) {
  switch (lead) {
    case 0xE0: return second >= 0xA0 && second <= 0xBF;
    case 0xED: return second >= 0x80 && second <= 0x9F;
    case 0xF0: return second >= 0x90 && second <= 0xBF;
    case 0xF4: return second >= 0x80 && second <= 0x8F;
    default: return second >= 0x80 && second <= 0xBF;
  }
}

bool is_continuation(unsigned char byte) {
  return (byte & 0xC0) == 0x80;
}

// Code points in text, or nullopt when text is not well-formed UTF-8.
std::optional<std::size_t> count_code_points(std::string_view text) {
  std::size_t count = 0;
  std::size_t i = 0;
  while (i < text.size()) {
    const auto lead = static_cast<unsigned char>(text[i]);
    const std::size_t length = sequence_length(lead);
    if (length == 0 || text.size() - i < length) return std::nullopt;
    if (length > 1 && !second_byte_ok(lead, static_cast<unsigned char>(text[i + 1]))) return std::nullopt;
    for (std::size_t k = 2; k < length; ++k) {
      if (!is_continuation(static_cast<unsigned char>(text[i + k]))) return std::nullopt;
    }
    i += length;
    ++count;
  }
  return count;
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
  const auto code_points = count_code_points(password);
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
