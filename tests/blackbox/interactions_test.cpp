// The interaction pipeline: batches queued durably, counted once however often they are retried, folded
// into per-day counters in the background, and read back as the hotelier's statistics.
#include "redemption_fixture.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace hc::test {
namespace {

using namespace std::chrono_literals;

class Interactions : public RedemptionApiTest {
 protected:
  HttpResult post_batch(const std::string& token, const json::array& events) {
    return send(boost::beast::http::verb::post, "/api/v1/interactions", json::serialize(json::object{{"events", events}}),
                token);
  }
};

json::object view(const std::string& coupon_id, const std::string& id) {
  return {{"id", id}, {"coupon_id", coupon_id}, {"action", "view"}};
}

TEST_F(Interactions, ViewsShowUpInTheStatsWithinTwoSeconds) {
  const Hotelier hotel = owner("owner@hotel.example", "Olive Owner");
  const Traveller fan = guest("fan@example.com", "Fran Fan");
  const std::string coupon = create_active(hotel.token, "Rooftop brunch", 20);
  const auto sent = std::chrono::steady_clock::now();
  ASSERT_EQ(post_batch(fan.token, {view(coupon, "a1"), view(coupon, "a2"), view(coupon, "a3")}).status, 202u);
  const auto stats = stats_when(hotel.token, 3);
  EXPECT_LT(std::chrono::steady_clock::now() - sent, 2s);
  EXPECT_EQ(stats.at("totals").at("views").as_int64(), 3);
  const auto& coupons = stats.at("coupons").as_array();
  ASSERT_EQ(coupons.size(), 1u);
  EXPECT_EQ(coupons[0].at("views").as_int64(), 3);
  // The hotelier's list shows them too.
  const auto list = get("/api/v1/hotelier/coupons", hotel.token).json();
  EXPECT_EQ(list.at("items").at(0).at("stats").at("views").as_int64(), 3);
}

TEST_F(Interactions, ARetriedBatchIsCountedOnce) {
  const Hotelier hotel = owner("owner@hotel.example", "Olive Owner");
  const Traveller fan = guest("fan@example.com", "Fran Fan");
  const std::string coupon = create_active(hotel.token, "Rooftop brunch", 20);
  const json::array batch{view(coupon, "r1"), view(coupon, "r2")};
  for (int attempt = 0; attempt < 3; ++attempt) ASSERT_EQ(post_batch(fan.token, batch).status, 202u);
  ASSERT_EQ(post_batch(fan.token, {view(coupon, "r3")}).status, 202u);
  const auto stats = stats_when(hotel.token, 3);
  std::this_thread::sleep_for(1500ms);  // one more fold: nothing else may arrive
  EXPECT_EQ(get("/api/v1/hotelier/stats", hotel.token).json().at("totals").at("views").as_int64(), 3);
  EXPECT_EQ(stats.at("totals").at("views").as_int64(), 3);
}

TEST_F(Interactions, AnotherUsersIdsDoNotSilenceMine) {
  const Hotelier hotel = owner("owner@hotel.example", "Olive Owner");
  const Traveller mallory = guest("mallory@example.com", "Mallory");
  const Traveller fan = guest("fan@example.com", "Fran Fan");
  const std::string coupon = create_active(hotel.token, "Rooftop brunch", 20);
  ASSERT_EQ(post_batch(mallory.token, {view(coupon, "same-id")}).status, 202u);
  ASSERT_EQ(post_batch(fan.token, {view(coupon, "same-id")}).status, 202u);
  EXPECT_EQ(stats_when(hotel.token, 2).at("totals").at("views").as_int64(), 2);
}

TEST_F(Interactions, MalformedEventsAreDroppedWithoutFailingTheBatch) {
  const Hotelier hotel = owner("owner@hotel.example", "Olive Owner");
  const Traveller fan = guest("fan@example.com", "Fran Fan");
  const std::string coupon = create_active(hotel.token, "Rooftop brunch", 20);
  const json::array batch{view(coupon, "m1"),
                          {{"coupon_id", coupon}, {"action", "dance"}},
                          {{"coupon_id", coupon}, {"action", "view"}, {"at", "not a time"}},
                          {{"coupon_id", coupon}, {"action", "view"}, {"extra", 1}},
                          "just a string",
                          {{"coupon_id", "01JNOSUCHCOUPON000000000000"}, {"action", "view"}}};
  const auto answer = post_batch(fan.token, batch);
  ASSERT_EQ(answer.status, 202u) << answer.body;
  EXPECT_EQ(answer.json().at("dropped").as_int64(), 4);
  const auto stats = stats_when(hotel.token, 1);
  EXPECT_EQ(stats.at("totals").at("views").as_int64(), 1) << "the unknown coupon's view is dropped when folded";
  const auto metrics = get("/metrics", "").body;
  EXPECT_NE(metrics.find("hc_interaction_dropped_total 5"), std::string::npos) << metrics;
}

TEST_F(Interactions, BatchesAreBoundedAndShaped) {
  const Traveller fan = guest("fan@example.com", "Fran Fan");
  json::array big;
  for (int i = 0; i < 501; ++i) big.push_back(view("x", "b" + std::to_string(i)));
  EXPECT_EQ(post_batch(fan.token, big).status, 400u);
  EXPECT_EQ(send(boost::beast::http::verb::post, "/api/v1/interactions", R"({"events":{}})", fan.token).status, 400u);
  EXPECT_EQ(send(boost::beast::http::verb::post, "/api/v1/interactions", R"({"events":[],"more":1})", fan.token).status,
            400u);
  EXPECT_EQ(post_batch("", {}).status, 401u);
}

TEST_F(Interactions, ClaimsAndUsesAreCountedByTheServer) {
  const Hotelier hotel = owner("owner@hotel.example", "Olive Owner");
  const Traveller fan = guest("fan@example.com", "Fran Fan");
  const std::string coupon = create_active(hotel.token, "Rooftop brunch", 20);
  const auto redemption = redeem_ok(fan.token, coupon);
  ASSERT_EQ(use(hotel.token, std::string(redemption.at("code").as_string())).status, 200u);
  const json::object totals = stats_when(hotel.token, 0, 1).at("totals").as_object();
  EXPECT_EQ(totals.at("redemptions").as_int64(), 1);
  EXPECT_EQ(totals.at("uses").as_int64(), 1);
}

TEST_F(Interactions, StatsCoverTheAskedRangeDayByDay) {
  const Hotelier hotel = owner("owner@hotel.example", "Olive Owner");
  const Traveller fan = guest("fan@example.com", "Fran Fan");
  const auto stats = get("/api/v1/hotelier/stats?from=2026-01-01&to=2026-01-31", hotel.token).json();
  EXPECT_EQ(stats.at("daily").as_array().size(), 31u);
  EXPECT_EQ(stats.at("daily").at(0).at("date").as_string(), "2026-01-01");
  EXPECT_EQ(get("/api/v1/hotelier/stats?from=2026-02-01&to=2026-01-01", hotel.token).status, 400u);
  EXPECT_EQ(get("/api/v1/hotelier/stats?from=2024-01-01&to=2026-01-01", hotel.token).status, 400u);
  EXPECT_EQ(get("/api/v1/hotelier/stats?from=yesterday", hotel.token).status, 400u);
  EXPECT_EQ(get("/api/v1/hotelier/stats", fan.token).status, 403u);
}

}  // namespace
}  // namespace hc::test
