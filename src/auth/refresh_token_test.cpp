#include "auth/refresh_token.hpp"

#include <gtest/gtest.h>

#include <set>
#include <string>

#include "core/encoding.hpp"

namespace hc::auth {
namespace {

TEST(RefreshToken, Is32RandomBytesInBase64Url) {
  const auto token = new_refresh_token();
  EXPECT_EQ(token.size(), 43u);
  const auto bytes = base64url_decode(token);
  ASSERT_TRUE(bytes.has_value());
  EXPECT_EQ(bytes->size(), 32u);
}

TEST(RefreshToken, IsUnique) {
  std::set<std::string> seen;
  for (int i = 0; i < 1000; ++i) {
    EXPECT_TRUE(seen.insert(new_refresh_token()).second);
  }
}

TEST(RefreshToken, HashIsHexSha256) {
  EXPECT_EQ(hash_refresh_token("abc"), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
  EXPECT_EQ(hash_refresh_token(""), "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
}

TEST(RefreshToken, HashIsDeterministicAndDistinguishesTokens) {
  const auto token = new_refresh_token();
  EXPECT_EQ(hash_refresh_token(token), hash_refresh_token(token));
  EXPECT_NE(hash_refresh_token(token), hash_refresh_token(new_refresh_token()));
  EXPECT_NE(hash_refresh_token(token), token);
}

}  // namespace
}  // namespace hc::auth
