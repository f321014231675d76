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

Ranking ranking(std::vector<std::string> ids) {
  return std::make_shared<const std::vector<std::string>>(std::move(ids));
}

std::vector<std::string> ids_of(const Ranking& ranked) { return ranked ? *ranked : std::vector<std::string>{"<none>"}; }

TEST(Search, SnapshotsAgeOutAndStayBounded) {
  RelevanceSnapshots snapshots(2, std::chrono::seconds(60));
  const auto t0 = std::chrono::steady_clock::time_point{};
  const std::string first = snapshots.put("q1", ranking({"a", "b"}), t0, snapshots.generation());
  EXPECT_EQ(ids_of(snapshots.get(first, t0 + std::chrono::seconds(59))), (std::vector<std::string>{"a", "b"}));
  EXPECT_EQ(snapshots.get(first, t0 + std::chrono::seconds(61)), nullptr);
  const std::string second = snapshots.put("q2", ranking({"c"}), t0, snapshots.generation());
  snapshots.put("q3", ranking({"d"}), t0, snapshots.generation());
  snapshots.put("q4", ranking({"e"}), t0, snapshots.generation());
  EXPECT_EQ(snapshots.get(second, t0), nullptr) << "the oldest is evicted past the bound";
  EXPECT_EQ(snapshots.get("unknown", t0), nullptr);
}

TEST(Search, AQuestionRankedMomentsAgoIsAnsweredFromItsSnapshot) {
  RelevanceSnapshots snapshots(10, std::chrono::seconds(60), std::chrono::seconds(2));
  const auto t0 = std::chrono::steady_clock::time_point{};
  const std::string token = snapshots.put("breakfast", ranking({"a", "b"}), t0, snapshots.generation());
  const auto again = snapshots.recent("breakfast", t0 + std::chrono::seconds(1));
  ASSERT_TRUE(again.has_value());
  EXPECT_EQ(again->token, token) << "the same snapshot, so later pages page through the same order";
  EXPECT_EQ(ids_of(again->ids), (std::vector<std::string>{"a", "b"}));
  EXPECT_FALSE(snapshots.recent("dinner", t0 + std::chrono::seconds(1))) << "another question ranks on its own";
  EXPECT_FALSE(snapshots.recent("breakfast", t0 + std::chrono::seconds(3))) << "past the freshness, rank again";

  const std::string newer =
      snapshots.put("breakfast", ranking({"b", "a"}), t0 + std::chrono::seconds(3), snapshots.generation());
  EXPECT_EQ(snapshots.recent("breakfast", t0 + std::chrono::seconds(4))->token, newer) << "the newest one is used";
  EXPECT_EQ(ids_of(snapshots.get(token, t0 + std::chrono::seconds(4))), (std::vector<std::string>{"a", "b"}))
      << "a traveller paging through the older order keeps it";
}

TEST(Search, WhileOneCallerRanksAQuestionAgainTheOthersGoOnWithTheOlderOrder) {
  using std::chrono::milliseconds;
  RelevanceSnapshots snapshots(10, std::chrono::seconds(60), std::chrono::seconds(2));
  const auto t0 = std::chrono::steady_clock::time_point{};
  const std::string token = snapshots.put("breakfast", ranking({"a", "b"}), t0, snapshots.generation());
  EXPECT_FALSE(snapshots.recent("breakfast", t0 + milliseconds(2100))) << "the first caller past the freshness ranks";
  const auto meanwhile = snapshots.recent("breakfast", t0 + milliseconds(2150));
  ASSERT_TRUE(meanwhile.has_value()) << "the others do not rank the same question again at the same time";
  EXPECT_EQ(meanwhile->token, token);
  const std::string newer =
      snapshots.put("breakfast", ranking({"b", "a"}), t0 + milliseconds(2200), snapshots.generation());
  EXPECT_EQ(snapshots.recent("breakfast", t0 + milliseconds(2250))->token, newer) << "the new order once it is in";
}

TEST(Search, AnOlderOrderIsNotUsedForeverWhenItsNewRankingNeverComes) {
  using std::chrono::milliseconds;
  RelevanceSnapshots snapshots(10, std::chrono::seconds(60), std::chrono::seconds(2));
  const auto t0 = std::chrono::steady_clock::time_point{};
  snapshots.put("spa", ranking({"a"}), t0, snapshots.generation());
  EXPECT_FALSE(snapshots.recent("spa", t0 + milliseconds(2100)));  // that caller's ranking fails
  EXPECT_TRUE(snapshots.recent("spa", t0 + milliseconds(3900)));
  EXPECT_FALSE(snapshots.recent("spa", t0 + milliseconds(4100))) << "past twice the freshness, every caller ranks";
  EXPECT_FALSE(snapshots.recent("spa", t0 + milliseconds(4200)));
}

TEST(Search, AChangedCouponMakesEveryRankingStale) {
  RelevanceSnapshots snapshots(10, std::chrono::seconds(60), std::chrono::seconds(2));
  const auto t0 = std::chrono::steady_clock::time_point{};
  const std::string token = snapshots.put("spa", ranking({"a"}), t0, snapshots.generation());
  snapshots.coupons_changed();
  EXPECT_FALSE(snapshots.recent("spa", t0)) << "a coupon published or paused on this node shows in the next search";
  EXPECT_EQ(ids_of(snapshots.get(token, t0)), (std::vector<std::string>{"a"})) << "paging goes on";
  snapshots.put("spa", ranking({"b"}), t0, snapshots.generation());
  EXPECT_EQ(ids_of(snapshots.recent("spa", t0)->ids), (std::vector<std::string>{"b"}));
}

TEST(Search, SnapshotsHoldABoundedNumberOfIds) {
  RelevanceSnapshots snapshots(100, std::chrono::seconds(60), std::chrono::seconds(2), 3);
  const auto t0 = std::chrono::steady_clock::time_point{};
  const std::string first = snapshots.put("a", ranking({"1", "2"}), t0, snapshots.generation());
  const std::string second = snapshots.put("b", ranking({"3"}), t0, snapshots.generation());
  const std::string third = snapshots.put("c", ranking({"4", "5"}), t0, snapshots.generation());
  EXPECT_EQ(snapshots.get(first, t0), nullptr) << "the oldest goes to make room";
  EXPECT_EQ(ids_of(snapshots.get(second, t0)), (std::vector<std::string>{"3"}));
  EXPECT_EQ(ids_of(snapshots.get(third, t0)), (std::vector<std::string>{"4", "5"}));
}

TEST(Search, ARankingReadWhileACouponChangedIsNotReused) {
  RelevanceSnapshots snapshots(10, std::chrono::seconds(60), std::chrono::seconds(2));
  const auto t0 = std::chrono::steady_clock::time_point{};
  const std::uint64_t before = snapshots.generation();  // a search starts ranking...
  snapshots.coupons_changed();                          // ...a coupon is published meanwhile...
  const std::string token = snapshots.put("spa", ranking({"a"}), t0, before);
  EXPECT_FALSE(snapshots.recent("spa", t0)) << "the next search must rank again and find the new coupon";
  EXPECT_EQ(ids_of(snapshots.get(token, t0)), (std::vector<std::string>{"a"})) << "its own pages still work";
}

TEST(Search, AnEvictedSnapshotIsNoLongerRecent) {
  RelevanceSnapshots snapshots(1, std::chrono::seconds(60), std::chrono::seconds(2));
  const auto t0 = std::chrono::steady_clock::time_point{};
  snapshots.put("spa", ranking({"a"}), t0, snapshots.generation());
  snapshots.put("pool", ranking({"b"}), t0, snapshots.generation());
  EXPECT_FALSE(snapshots.recent("spa", t0));
  EXPECT_EQ(ids_of(snapshots.recent("pool", t0)->ids), (std::vector<std::string>{"b"}));
}

}  // namespace
}  // namespace hc::coupons
