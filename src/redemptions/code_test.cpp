#include "redemptions/code.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cstddef>
#include <string>
#include <string_view>
#include <unordered_set>
#include <utility>
#include <vector>

namespace hc::redemptions {
namespace {

constexpr std::string_view kAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";
// Indexes of the twelve symbols inside "XXXX-XXXX-XXXX".
constexpr std::array<std::size_t, 12> kSymbolIndexes = {0, 1, 2, 3, 5, 6, 7, 8, 10, 11, 12, 13};
constexpr std::size_t kMutatedCodes = 3000;

// Fixed valid codes pin the check algorithm: codes already stored must stay valid across releases.
constexpr std::string_view kKnownCode = "7KQ2-M9XD-4T1Z";
constexpr std::string_view kZerosAndOnes = "10H1-K0M1-N0P7";

// The regex ^[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}-[0-9A-HJKMNP-TV-Z]{4}$ spelt out by hand: std::regex is
// slow over a million codes, and GCC 12 warns inside libstdc++'s <regex> under -fsanitize -O1.
bool in_code_class(char c) {
  return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'H') || c == 'J' || c == 'K' || c == 'M' || c == 'N' ||
         (c >= 'P' && c <= 'T') || (c >= 'V' && c <= 'Z');
}

bool matches_code_format(std::string_view code) {
  if (code.size() != 14 || code[4] != '-' || code[9] != '-') return false;
  for (const std::size_t index : kSymbolIndexes) {
    if (!in_code_class(code[index])) return false;
  }
  return true;
}

std::vector<std::string> generate(std::size_t n) {
  std::vector<std::string> codes;
  codes.reserve(n);
  for (std::size_t i = 0; i < n; ++i) codes.push_back(generate_code());
  return codes;
}

TEST(GenerateCode, AMillionCodesAreUniqueAndWellFormed) {
  constexpr std::size_t kCount = 1'000'000;
  std::unordered_set<std::string> seen;
  seen.reserve(kCount);
  std::size_t malformed = 0;
  std::size_t unparsed = 0;
  for (std::size_t i = 0; i < kCount; ++i) {
    std::string code = generate_code();
    if (!matches_code_format(code)) ++malformed;
    if (parse_code(code) != code) ++unparsed;
    seen.insert(std::move(code));
  }
  EXPECT_EQ(malformed, 0u);
  EXPECT_EQ(unparsed, 0u);
  EXPECT_EQ(seen.size(), kCount);
}

TEST(GenerateCode, FirstSymbolIsRoughlyUniform) {
  // A bit-extraction slip (wrong shift, a constant bit) skews or empties some values of the first symbol.
  constexpr std::size_t kCount = 100'000;
  std::array<std::size_t, 32> counts{};
  for (std::size_t i = 0; i < kCount; ++i) {
    ++counts[kAlphabet.find(generate_code().front())];
  }
  for (std::size_t value = 0; value < counts.size(); ++value) {
    const double share = static_cast<double>(counts[value]) / static_cast<double>(kCount);
    EXPECT_GT(share, 0.025) << "symbol " << kAlphabet[value];
    EXPECT_LT(share, 0.038) << "symbol " << kAlphabet[value];
  }
}

TEST(GenerateCode, EveryDataSymbolTakesEveryValue) {
  // Catches a stuck or dropped bit anywhere in the 55, which the first symbol's distribution alone cannot see.
  constexpr std::size_t kCount = 20'000;
  std::array<std::array<bool, 32>, 11> seen{};
  for (std::size_t i = 0; i < kCount; ++i) {
    const auto code = generate_code();
    for (std::size_t position = 0; position < seen.size(); ++position) {
      seen[position][kAlphabet.find(code[kSymbolIndexes[position]])] = true;
    }
  }
  for (std::size_t position = 0; position < seen.size(); ++position) {
    for (std::size_t value = 0; value < 32; ++value) {
      EXPECT_TRUE(seen[position][value]) << "position " << position << " never shows " << kAlphabet[value];
    }
  }
}

TEST(CodeFormat, MatchesOnlyTheCanonicalShape) {
  EXPECT_TRUE(matches_code_format(kKnownCode));
  EXPECT_FALSE(matches_code_format("7KQ2-M9XD-4TUZ"));
  EXPECT_FALSE(matches_code_format("7KQ2-M9XD-4TIZ"));
  EXPECT_FALSE(matches_code_format("7kq2-M9XD-4T1Z"));
  EXPECT_FALSE(matches_code_format("7KQ2M9XD-4T1Z-"));
}

TEST(ParseCode, AcceptsKnownCodes) {
  EXPECT_EQ(parse_code(kKnownCode), std::string(kKnownCode));
  EXPECT_EQ(parse_code(kZerosAndOnes), std::string(kZerosAndOnes));
  EXPECT_EQ(parse_code("0000-0000-0000"), "0000-0000-0000");
}

TEST(ParseCode, RejectsEverySingleSubstitution) {
  std::size_t accepted = 0;
  std::string example;
  for (const auto& code : generate(kMutatedCodes)) {
    for (const std::size_t index : kSymbolIndexes) {
      for (const char replacement : kAlphabet) {
        if (replacement == code[index]) continue;
        std::string typo = code;
        typo[index] = replacement;
        if (parse_code(typo)) {
          ++accepted;
          example = code + " -> " + typo;
        }
      }
    }
  }
  EXPECT_EQ(accepted, 0u) << example;
}

TEST(ParseCode, RejectsEverySwapOfNeighbours) {
  std::size_t swaps = 0;
  std::size_t accepted = 0;
  std::string example;
  for (const auto& code : generate(kMutatedCodes)) {
    // Neighbours in reading order, including across a hyphen and with the check symbol.
    for (std::size_t i = 0; i + 1 < kSymbolIndexes.size(); ++i) {
      const std::size_t left = kSymbolIndexes[i];
      const std::size_t right = kSymbolIndexes[i + 1];
      if (code[left] == code[right]) continue;
      std::string typo = code;
      std::swap(typo[left], typo[right]);
      ++swaps;
      if (parse_code(typo)) {
        ++accepted;
        example = code + " -> " + typo;
      }
    }
  }
  EXPECT_GT(swaps, kMutatedCodes * 10);
  EXPECT_EQ(accepted, 0u) << example;
}

TEST(ParseCode, IgnoresCaseSpacesAndHyphens) {
  EXPECT_EQ(parse_code("7kq2 m9xd 4t1z"), std::string(kKnownCode));
  EXPECT_EQ(parse_code("7KQ2M9XD4T1Z"), std::string(kKnownCode));
  EXPECT_EQ(parse_code("  7k-Q2 M9--xD4 t1Z "), std::string(kKnownCode));
}

TEST(ParseCode, ReadsOAsZeroAndIAndLAsOne) {
  EXPECT_EQ(parse_code("IOH1-KOMl-NoP7"), std::string(kZerosAndOnes));
  EXPECT_EQ(parse_code("lohi komi nOp7"), std::string(kZerosAndOnes));
}

TEST(ParseCode, RejectsUAndForeignCharacters) {
  EXPECT_FALSE(parse_code("7KQ2-M9XD-4TUZ"));
  EXPECT_FALSE(parse_code("7KQ2-M9XD-4TuZ"));
  EXPECT_FALSE(parse_code("7KQ2_M9XD_4T1Z"));
  EXPECT_FALSE(parse_code("7KQ2\tM9XD\t4T1Z"));
  EXPECT_FALSE(parse_code(std::string("7KQ2-M9XD-4T1Z\0", 15)));
}

TEST(ParseCode, RejectsWrongLengthsAndEmptyInput) {
  EXPECT_FALSE(parse_code(""));
  EXPECT_FALSE(parse_code("   - -  "));
  EXPECT_FALSE(parse_code("7KQ2-M9XD-4T1"));
  EXPECT_FALSE(parse_code("7KQ2-M9XD-4T1Z0"));
  EXPECT_FALSE(parse_code("07KQ2-M9XD-4T1Z"));
}

TEST(ParseCode, RejectsInputLongerThanSixtyFourBytes) {
  const std::string padded = std::string(50, ' ') + std::string(kKnownCode);
  ASSERT_EQ(padded.size(), 64u);
  EXPECT_EQ(parse_code(padded), std::string(kKnownCode));
  EXPECT_FALSE(parse_code(" " + padded));
  EXPECT_FALSE(parse_code(std::string(100'000, '-') + std::string(kKnownCode)));
}

}  // namespace
}  // namespace hc::redemptions
