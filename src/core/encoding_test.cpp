#include "core/encoding.hpp"

#include <gtest/gtest.h>

#include <string>
#include <vector>

#include "core/random.hpp"

namespace hc {
namespace {

std::vector<unsigned char> bytes_of(std::string_view text) {
  return {text.begin(), text.end()};
}

TEST(Base64Url, EncodesKnownVectorsWithoutPadding) {
  EXPECT_EQ(base64url_encode(std::string_view{}), "");
  EXPECT_EQ(base64url_encode(std::string_view{"f"}), "Zg");
  EXPECT_EQ(base64url_encode(std::string_view{"fo"}), "Zm8");
  EXPECT_EQ(base64url_encode(std::string_view{"foo"}), "Zm9v");
  EXPECT_EQ(base64url_encode(std::string_view{"foobar"}), "Zm9vYmFy");
  const std::vector<unsigned char> url_chars{0xFB, 0xFF};
  EXPECT_EQ(base64url_encode(url_chars), "-_8");
}

TEST(Base64Url, RoundTripsEveryLength) {
  for (std::size_t n = 0; n <= 70; ++n) {
    const auto bytes = random_bytes(n);
    const auto decoded = base64url_decode(base64url_encode(bytes));
    ASSERT_TRUE(decoded.has_value()) << n;
    EXPECT_EQ(*decoded, bytes) << n;
  }
}

TEST(Base64Url, DecodesKnownVectors) {
  EXPECT_EQ(base64url_decode(""), std::vector<unsigned char>{});
  EXPECT_EQ(base64url_decode("Zm9vYmFy"), bytes_of("foobar"));
  EXPECT_EQ(base64url_decode("-_8"), (std::vector<unsigned char>{0xFB, 0xFF}));
}

TEST(Base64Url, RejectsPadding) {
  EXPECT_FALSE(base64url_decode("Zg=="));
  EXPECT_FALSE(base64url_decode("Zm8="));
  EXPECT_FALSE(base64url_decode("Zm9v="));
  EXPECT_FALSE(base64url_decode("="));
}

TEST(Base64Url, RejectsCharactersOutsideTheUrlSafeAlphabet) {
  EXPECT_FALSE(base64url_decode("Zm+v"));
  EXPECT_FALSE(base64url_decode("Zm/v"));
  EXPECT_FALSE(base64url_decode("Zm9v!"));
  EXPECT_FALSE(base64url_decode("Zm9v."));
  EXPECT_FALSE(base64url_decode(std::string_view{"Zm\0v", 4}));
  EXPECT_FALSE(base64url_decode("Zm9\xC3\xB1"));
}

TEST(Base64Url, RejectsWhitespace) {
  EXPECT_FALSE(base64url_decode("Zm 9v"));
  EXPECT_FALSE(base64url_decode("Zm9v\n"));
  EXPECT_FALSE(base64url_decode(" Zm9v"));
  EXPECT_FALSE(base64url_decode("Zm9v\t"));
}

TEST(Base64Url, RejectsNonCanonicalTrailingBits) {
  EXPECT_FALSE(base64url_decode("Zh"));   // canonical "f" is "Zg"
  EXPECT_FALSE(base64url_decode("Zm9"));  // canonical "fo" is "Zm8"
  EXPECT_FALSE(base64url_decode("-_-"));  // canonical 0xFB 0xFF is "-_8"
}

TEST(Base64Url, RejectsImpossibleLengths) {
  EXPECT_FALSE(base64url_decode("Z"));
  EXPECT_FALSE(base64url_decode("Zm9vY"));
}

TEST(Hex, EncodesLowercase) {
  const std::vector<unsigned char> bytes{0x00, 0x01, 0xAB, 0xFF};
  EXPECT_EQ(hex_encode(bytes), "0001abff");
  EXPECT_EQ(hex_encode(std::span<const unsigned char>{}), "");
}

TEST(Hex, RoundTrips) {
  for (std::size_t n = 0; n <= 40; ++n) {
    const auto bytes = random_bytes(n);
    EXPECT_EQ(hex_decode(hex_encode(bytes)), bytes) << n;
  }
}

TEST(Hex, DecodesEitherCase) {
  EXPECT_EQ(hex_decode("DEADbeef"), (std::vector<unsigned char>{0xDE, 0xAD, 0xBE, 0xEF}));
  EXPECT_EQ(hex_decode(""), std::vector<unsigned char>{});
}

TEST(Hex, RejectsMalformedInput) {
  EXPECT_FALSE(hex_decode("abc"));
  EXPECT_FALSE(hex_decode("a"));
  EXPECT_FALSE(hex_decode("zz"));
  EXPECT_FALSE(hex_decode("de ad"));
  EXPECT_FALSE(hex_decode("dead "));
  EXPECT_FALSE(hex_decode("0x00"));
  EXPECT_FALSE(hex_decode(std::string_view{"de\0d", 4}));
}

}  // namespace
}  // namespace hc
