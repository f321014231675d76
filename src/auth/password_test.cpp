#include "auth/password.hpp"

#include <gtest/gtest.h>
#include <sodium.h>

#include <stdexcept>
#include <string>

namespace hc::auth {
namespace {

// libsodium's floor keeps these tests fast; DefaultParams* covers the production cost.
constexpr PasswordParams kFastParams{crypto_pwhash_argon2id_OPSLIMIT_MIN, crypto_pwhash_argon2id_MEMLIMIT_MIN};

class PasswordHasherTest : public ::testing::Test {
 protected:
  PasswordHasher hasher_{kFastParams};
};

std::string repeat(std::string_view unit, std::size_t times) {
  std::string out;
  for (std::size_t i = 0; i < times; ++i) {
    out += unit;
  }
  return out;
}

TEST(PasswordHasher, DefaultParamsFollowOwaspAndVerify) {
  const PasswordHasher hasher;
  const auto hash = hasher.hash("correct horse battery staple");
  EXPECT_EQ(hash.rfind("$argon2id$v=19$", 0), 0u) << hash;
  EXPECT_NE(hash.find("m=19456,t=2,p=1"), std::string::npos) << hash;
  EXPECT_TRUE(hasher.verify(hash, "correct horse battery staple"));
  EXPECT_FALSE(hasher.verify(hash, "correct horse battery stapler"));
  EXPECT_FALSE(hasher.needs_rehash(hash));
  EXPECT_TRUE(hasher.needs_rehash(PasswordHasher{kFastParams}.hash("correct horse battery staple")));
}

TEST_F(PasswordHasherTest, VerifiesOnlyTheRightPassword) {
  const auto hash = hasher_.hash("s3cret password");
  EXPECT_TRUE(hasher_.verify(hash, "s3cret password"));
  EXPECT_FALSE(hasher_.verify(hash, "s3cret passwor"));
  EXPECT_FALSE(hasher_.verify(hash, "S3cret password"));
  EXPECT_FALSE(hasher_.verify(hash, ""));
}

TEST_F(PasswordHasherTest, SaltsEveryHash) {
  EXPECT_NE(hasher_.hash("same password"), hasher_.hash("same password"));
}

TEST_F(PasswordHasherTest, HandlesEmbeddedNulInPasswords) {
  const std::string with_nul("abc\0def", 7);
  const auto hash = hasher_.hash(with_nul);
  EXPECT_TRUE(hasher_.verify(hash, with_nul));
  EXPECT_FALSE(hasher_.verify(hash, "abc"));
}

TEST_F(PasswordHasherTest, MalformedStoredHashNeverVerifies) {
  const auto good = hasher_.hash("password");
  EXPECT_FALSE(hasher_.verify("", "password"));
  EXPECT_FALSE(hasher_.verify("garbage", "password"));
  EXPECT_FALSE(hasher_.verify("$argon2id$", "password"));
  EXPECT_FALSE(hasher_.verify("$argon2id$v=19$m=8,t=1,p=1$", "password"));
  EXPECT_FALSE(hasher_.verify(good.substr(0, good.size() - 5), "password"));
  EXPECT_FALSE(hasher_.verify(good + "AAAA", "password"));
  EXPECT_FALSE(hasher_.verify(good + std::string("\0junk", 5), "password"));
  EXPECT_FALSE(hasher_.verify(std::string(10000, '$'), "password"));
}

TEST_F(PasswordHasherTest, NeedsRehashWhenParamsDifferOrHashIsUnreadable) {
  const auto weak = hasher_.hash("password");
  EXPECT_FALSE(hasher_.needs_rehash(weak));
  const PasswordHasher stronger(PasswordParams{2, crypto_pwhash_argon2id_MEMLIMIT_MIN * 2});
  EXPECT_TRUE(stronger.needs_rehash(weak));
  EXPECT_TRUE(hasher_.needs_rehash("garbage"));
  EXPECT_TRUE(hasher_.needs_rehash(""));
}

TEST_F(PasswordHasherTest, VerifyDummyAcceptsAnyPassword) {
  EXPECT_NO_THROW(hasher_.verify_dummy("whatever"));
  EXPECT_NO_THROW(hasher_.verify_dummy(""));
}

TEST(PasswordHasher, RejectsParamsBelowLibsodiumMinimums) {
  EXPECT_THROW(PasswordHasher(PasswordParams{0, crypto_pwhash_argon2id_MEMLIMIT_MIN}), std::invalid_argument);
  EXPECT_THROW(PasswordHasher(PasswordParams{1, crypto_pwhash_argon2id_MEMLIMIT_MIN - 1}), std::invalid_argument);
}

TEST(PasswordPolicy, EnforcesLengthInCodePoints) {
  EXPECT_TRUE(password_policy_violation(std::string(11, 'a')).has_value());
  EXPECT_FALSE(password_policy_violation(std::string(12, 'a')).has_value());
  EXPECT_FALSE(password_policy_violation(std::string(128, 'a')).has_value());
  EXPECT_TRUE(password_policy_violation(std::string(129, 'a')).has_value());
  EXPECT_TRUE(password_policy_violation("").has_value());
}

TEST(PasswordPolicy, CountsMultiByteCharactersOnce) {
  const auto twelve_enye = repeat("\xC3\xB1", 12);
  ASSERT_EQ(twelve_enye.size(), 24u);
  EXPECT_FALSE(password_policy_violation(twelve_enye).has_value());
  EXPECT_TRUE(password_policy_violation(repeat("\xC3\xB1", 11)).has_value());
  EXPECT_FALSE(password_policy_violation(repeat("\xF0\x9F\x94\x91", 128)).has_value());
  EXPECT_TRUE(password_policy_violation(repeat("\xF0\x9F\x94\x91", 129)).has_value());
}

TEST(PasswordPolicy, RejectsInvalidUtf8) {
  const std::string padding(12, 'a');
  EXPECT_TRUE(password_policy_violation(padding + "\xFF").has_value());
  EXPECT_TRUE(password_policy_violation(padding + "\xC3").has_value());            // truncated
  EXPECT_TRUE(password_policy_violation(padding + "\x80").has_value());            // stray continuation
  EXPECT_TRUE(password_policy_violation(padding + "\xC0\xAF").has_value());        // overlong '/'
  EXPECT_TRUE(password_policy_violation(padding + "\xE0\x80\xAF").has_value());    // overlong '/'
  EXPECT_TRUE(password_policy_violation(padding + "\xED\xA0\x80").has_value());    // surrogate
  EXPECT_TRUE(password_policy_violation(padding + "\xF4\x90\x80\x80").has_value());  // past U+10FFFF
  EXPECT_TRUE(password_policy_violation(padding + "\xE2\x82" + "a").has_value());
}

TEST(PasswordPolicy, MessagesDoNotEchoThePassword) {
  const std::string password = "short\xC3";
  const auto message = password_policy_violation(password);
  ASSERT_TRUE(message.has_value());
  EXPECT_EQ(message->find("short"), std::string::npos);
}

}  // namespace
}  // namespace hc::auth
