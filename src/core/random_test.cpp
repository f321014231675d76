#include "core/random.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <string>
#include <thread>
#include <unordered_set>

#include "core/encoding.hpp"

namespace hc {
namespace {

constexpr std::string_view kCrockford = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

std::int64_t id_millis(std::string_view id) {
  std::int64_t millis = 0;
  for (const char c : id.substr(0, 10)) {
    millis = millis * 32 + static_cast<std::int64_t>(kCrockford.find(c));
  }
  return millis;
}

TEST(RandomBytes, HasRequestedLengthAndVaries) {
  EXPECT_TRUE(random_bytes(0).empty());
  const auto a = random_bytes(32);
  const auto b = random_bytes(32);
  EXPECT_EQ(a.size(), 32u);
  EXPECT_NE(a, b);
}

TEST(RandomToken, IsBase64UrlOfTheRequestedBytes) {
  const auto token = random_token(32);
  EXPECT_EQ(token.size(), 43u);
  const auto decoded = base64url_decode(token);
  ASSERT_TRUE(decoded.has_value());
  EXPECT_EQ(decoded->size(), 32u);
  EXPECT_NE(random_token(32), token);
}

TEST(NewId, HasUlidShape) {
  const auto id = new_id();
  EXPECT_EQ(id.size(), 26u);
  EXPECT_EQ(id.find_first_not_of(kCrockford), std::string::npos);
  EXPECT_LE(id.front(), '7');
  EXPECT_TRUE(is_valid_id(id));
}

TEST(NewId, EncodesTheCurrentTime) {
  const auto before = std::chrono::duration_cast<std::chrono::milliseconds>(
                          std::chrono::system_clock::now().time_since_epoch()).count();
  const auto id = new_id();
  const auto after = std::chrono::duration_cast<std::chrono::milliseconds>(
                         std::chrono::system_clock::now().time_since_epoch()).count();
  EXPECT_GE(id_millis(id), before);
  EXPECT_LE(id_millis(id), after);
}

TEST(NewId, SortsByCreationTime) {
  for (int i = 0; i < 5; ++i) {
    const auto earlier = new_id();
    std::this_thread::sleep_for(std::chrono::milliseconds(2));
    const auto later = new_id();
    EXPECT_LT(earlier, later);
  }
}

TEST(NewId, IsUnique) {
  std::unordered_set<std::string> seen;
  for (int i = 0; i < 10000; ++i) {
    EXPECT_TRUE(seen.insert(new_id()).second);
  }
}

TEST(IsValidId, RejectsOtherShapes) {
  EXPECT_TRUE(is_valid_id("01ARZ3NDEKTSV4RRFFQ69G5FAV"));
  EXPECT_TRUE(is_valid_id("7ZZZZZZZZZZZZZZZZZZZZZZZZZ"));
  EXPECT_FALSE(is_valid_id(""));
  EXPECT_FALSE(is_valid_id("01ARZ3NDEKTSV4RRFFQ69G5FA"));
  EXPECT_FALSE(is_valid_id("01ARZ3NDEKTSV4RRFFQ69G5FAVX"));
  EXPECT_FALSE(is_valid_id("01arz3ndektsv4rrffq69g5fav"));
  EXPECT_FALSE(is_valid_id("8ZZZZZZZZZZZZZZZZZZZZZZZZZ"));
  EXPECT_FALSE(is_valid_id("01ARZ3NDEKTSV4RRFFQ69G5FAI"));
  EXPECT_FALSE(is_valid_id("01ARZ3NDEKTSV4RRFFQ69G5FAL"));
  EXPECT_FALSE(is_valid_id("01ARZ3NDEKTSV4RRFFQ69G5FAO"));
  EXPECT_FALSE(is_valid_id("01ARZ3NDEKTSV4RRFFQ69G5FAU"));
  EXPECT_FALSE(is_valid_id("01ARZ3NDEKTSV4RRFFQ69G5FA-"));
  EXPECT_FALSE(is_valid_id(std::string_view{"01ARZ3NDEKTSV4RRFFQ69G5FA\0", 26}));
}

}  // namespace
}  // namespace hc
