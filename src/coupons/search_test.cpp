#include "coupons/search.hpp"
#include "coupons/snapshots.hpp"

#include <gtest/gtest.h>

namespace hc::coupons {
namespace {

TEST(Search, TermsDropQuerySyntax) {
  EXPECT_EQ(split_terms(R"(  "café" AND (dublin* OR -x) NEAR/2 ^title:y )"),
            (std::vector<std::string>{"café", "AND", "dublin", "OR", "x", "NEAR", "2", "title"}))
      << "operators are plain words, and at most 8 are kept";
  EXPECT_TRUE(split_terms("*** ---").empty());
  EXPECT_EQ(split_terms("a b c d e f g h i j").size(), 8u);
  EXPECT_EQ(split_terms(std::string(65, 'x')), (std::vector<std::string>{std::string(64, 'x')}))
      << "an over-long word is cut, not dropped, so it still narrows the search";
  EXPECT_EQ(split_terms(std::string(63, 'x') + "é")[0].size(), 63u) << "never cut inside a character";
}

TEST(Search, EveryTermIsQuotedAndTheLastIsAPrefix) {
  EXPECT_EQ(fts_expression({"cafe", "dubl"}), R"("cafe" "dubl"*)");
  EXPECT_EQ(fts_expression({}), "");
}

TEST(Search, CursorsRoundTripAndRejectForgeries) {
  const Cursor keyset{Keyset{"25", "01JABCDEFGHJKMNPQRSTVWXYZ0"}, {}, 0};
  const auto decoded = decode_cursor(encode_cursor(keyset));
  ASSERT_TRUE(decoded && decoded->keyset);
  EXPECT_EQ(decoded->keyset->key, "25");
  EXPECT_EQ(decoded->keyset->id, "01JABCDEFGHJKMNPQRSTVWXYZ0");
  const auto snapshot = decode_cursor(encode_cursor(Cursor{std::nullopt, "tok", 14}));
  ASSERT_TRUE(snapshot.has_value());
  EXPECT_EQ(snapshot->snapshot, "tok");
  EXPECT_EQ(snapshot->offset, 14u);
  for (const char* forged : {"", "!!", "azE", "ZXZpbA", "a3xifHg"}) EXPECT_FALSE(decode_cursor(forged)) << forged;
}

TEST(Search, SnapshotsAgeOutAndStayBounded) {
  RelevanceSnapshots snapshots(2, std::chrono::seconds(60));
  const auto t0 = std::chrono::steady_clock::time_point{};
  const std::string first = snapshots.put({"a", "b"}, t0);
  EXPECT_EQ(snapshots.get(first, t0 + std::chrono::seconds(59)), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(snapshots.get(first, t0 + std::chrono::seconds(61)), std::nullopt);
  const std::string second = snapshots.put({"c"}, t0);
  snapshots.put({"d"}, t0);
  snapshots.put({"e"}, t0);
  EXPECT_EQ(snapshots.get(second, t0), std::nullopt) << "the oldest is evicted past the bound";
  EXPECT_EQ(snapshots.get("unknown", t0), std::nullopt);
}

}  // namespace
}  // namespace hc::coupons
