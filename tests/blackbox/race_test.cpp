// Claims, uses, cancels and wrong codes that arrive at the same moment. Every burst opens all its connections
// first and then sends every request together; each test runs five rounds, each on a fresh coupon.
#include "redemption_fixture.hpp"

#include <atomic>
#include <map>
#include <mutex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace hc::test {
namespace {

using http_verb = boost::beast::http::verb;

constexpr int kRounds = 5;

class Race : public RedemptionApiTest {
 protected:
  Race() : RedemptionApiTest({"--worker-threads", "8", "--trust-proxy", "true"}) {}

  void SetUp() override {
    hotel = owner("owner@harbour.example", "Hana Owner", {"Harbour Hotel", "Dublin", "Ireland", "Europe/Dublin", "x"});
    ada = guest("ada@example.com", "Ada Lovelace");
  }

  static BurstRequest claim_request(const std::string& token, const std::string& coupon_id) {
    return BurstRequest{http_verb::post, "/api/v1/coupons/" + coupon_id + "/redeem", {}, token, {}};
  }

  static BurstRequest desk_request(const std::string& route, const std::string& token, const std::string& code,
                                   const Headers& headers = {}) {
    return BurstRequest{http_verb::post, "/api/v1/hotelier/redemptions/" + route,
                        json::serialize(json::object{{"code", code}}), token, headers};
  }

  //! The value of an unlabelled metric in /metrics' text, or -1 when it is missing.
  static double metric(const std::string& text, const std::string& name) {
    const auto at = text.find("\n" + name + " ");
    return at == std::string::npos ? -1 : std::stod(text.substr(at + name.size() + 2));
  }

  Hotelier hotel;
  Traveller ada;
};

TEST_F(Race, TwoHundredTravellersShareTwentyUnits) {
  const auto people = crowd(200);
  ASSERT_FALSE(HasFailure());
  std::set<std::string> all_winners;
  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const std::string id =
        create_active(hotel.token, "Flash sale " + std::to_string(round), 50, {{"quantity", 20}});
    ASSERT_FALSE(id.empty());
    std::vector<BurstRequest> burst;
    for (const auto& person : people) burst.push_back(claim_request(person.token, id));
    const auto answers = all_at_once(burst);

    int won = 0;
    int sold_out = 0;
    std::set<std::string> codes;
    for (std::size_t i = 0; i < answers.size(); ++i) {
      if (answers[i].status == 201) {
        ++won;
        const std::string code = json_text(answers[i].json(), "/redemption/code");
        remember_code(code);
        codes.insert(code);
        all_winners.insert(people[i].user_id);
        EXPECT_EQ(json_text(answers[i].json(), "/redemption/guest_name"), people[i].name);
      } else if (answers[i].status == 409 && answers[i].error_code() == "sold_out") {
        ++sold_out;
      }
    }
    EXPECT_EQ(won, 20) << summary(answers);
    EXPECT_EQ(sold_out, 180) << summary(answers);
    EXPECT_EQ(codes.size(), static_cast<std::size_t>(won)) << "two winners got the same code";
    EXPECT_EQ(remaining(ada.token, id), 0);
    const auto owner_view = get_coupon(hotel.token, id);
    ASSERT_EQ(owner_view.status, 200u) << owner_view.body;
    EXPECT_EQ(owner_view.json().at("remaining"), json::value(0)) << owner_view.body;
    // Everyone who won follows the hotel; nobody who lost was made to.
    EXPECT_EQ(followers(ada.token, hotel.hotel_id), static_cast<std::int64_t>(all_winners.size()));
  }
  // Claims that arrive together are committed together: fewer commits than claims.
  const std::string metrics = get("/metrics", "").body;
  const double claims = metric(metrics, "hc_claim_batch_claims_total");
  EXPECT_EQ(claims, 200.0 * kRounds) << metrics;
  EXPECT_LT(metric(metrics, "hc_claim_batches_total"), claims) << metrics;
}

TEST_F(Race, OneTravellerClaimingThirtyTimesAtOnceGetsOne) {
  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const std::string id = create_active(hotel.token, "Once each " + std::to_string(round), 20,
                                         {{"quantity", 100}, {"per_user_limit", 1}});
    ASSERT_FALSE(id.empty());
    const std::vector<BurstRequest> burst(30, claim_request(ada.token, id));
    const auto answers = all_at_once(burst);
    int won = 0;
    int refused = 0;
    for (const auto& answer : answers) {
      if (answer.status == 201) {
        ++won;
        remember_code(json_text(answer.json(), "/redemption/code"));
      } else if (answer.status == 409 && answer.error_code() == "already_redeemed") {
        ++refused;
      }
    }
    EXPECT_EQ(won, 1) << summary(answers);
    EXPECT_EQ(refused, 29) << summary(answers);
    EXPECT_EQ(remaining(ada.token, id), 99);
    int in_wallet = 0;
    for (const auto& item : wallet_all(ada.token, "limit=100")) in_wallet += json_text(item, "/coupon/id") == id;
    EXPECT_EQ(in_wallet, 1);
  }
}

TEST_F(Race, ThirtyUsesOfOneCodeAtOnceSucceedOnce) {
  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const std::string id = create_active(hotel.token, "Desk rush " + std::to_string(round), 20, {{"quantity", 10}});
    const auto mine = redeem_ok(ada.token, id);
    ASSERT_FALSE(mine.empty());
    const std::string code = json_text(mine, "/code");
    const std::vector<BurstRequest> burst(30, desk_request("use", hotel.token, code));
    const auto answers = all_at_once(burst);
    int used = 0;
    int already = 0;
    std::string used_at;
    for (const auto& answer : answers) {
      if (answer.status == 200) {
        ++used;
        used_at = json_text(answer.json(), "/redemption/used_at");
      }
    }
    for (const auto& answer : answers) {
      if (answer.status != 409 || answer.error_code() != "already_used") continue;
      ++already;
      const auto error = error_without_request_id(answer);
      EXPECT_EQ(json_text(error, "/used_by"), "Hana Owner") << answer.body;
      EXPECT_EQ(json_text(error, "/used_at"), used_at) << answer.body;
    }
    EXPECT_EQ(used, 1) << summary(answers);
    EXPECT_EQ(already, 29) << summary(answers);
    // One use, one audit line.
    const auto log = desk_log(hotel.token, "limit=100");
    ASSERT_EQ(log.status, 200u) << log.body;
    int lines = 0;
    const auto log_body = log.json();
    for (const auto& item : log_body.at("items").as_array()) {
      lines += json_text(item, "/redemption_id") == json_text(mine, "/id");
    }
    EXPECT_EQ(lines, 1) << log.body;
    EXPECT_EQ(json_text(wallet_entry(ada.token, json_text(mine, "/id")), "/status"), "used");
  }
}

TEST_F(Race, CancelsAtOnceGiveOneUnitBack) {
  for (int round = 0; round < kRounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    const std::string id = create_active(hotel.token, "Cancel rush " + std::to_string(round), 20, {{"quantity", 5}});
    const auto mine = redeem_ok(ada.token, id);
    ASSERT_FALSE(mine.empty());
    ASSERT_EQ(remaining(ada.token, id), 4);
    const std::vector<BurstRequest> burst(
        10, BurstRequest{http_verb::post, "/api/v1/redemptions/" + json_text(mine, "/id") + "/cancel", {}, ada.token, {}});
    const auto answers = all_at_once(burst);
    int cancelled = 0;
    int already = 0;
    for (const auto& answer : answers) {
      cancelled += answer.status == 200;
      already += answer.status == 409 && answer.error_code() == "already_cancelled";
    }
    EXPECT_EQ(cancelled, 1) << summary(answers);
    EXPECT_EQ(already, 9) << summary(answers);
    EXPECT_EQ(remaining(ada.token, id), 5) << "the unit must come back exactly once";
  }
}

// The throttle allows 20 wrong codes per account and per address in 10 minutes; sending them all at once
// must not get more checked.
TEST_F(Race, WrongCodesAtOnceAreThrottledToo) {
  const std::string id = create_active(hotel.token, "Guessing target", 20);
  const std::string code = json_text(redeem_ok(ada.token, id), "/code");
  std::string wrong = code;
  wrong.back() = kCodeAlphabet[(kCodeAlphabet.find(wrong.back()) + 1) % kCodeAlphabet.size()];
  remember_code(wrong);
  // An overshoot needs two checks to overlap, so this runs more rounds than the others to see it reliably.
  for (int round = 0; round < 2 * kRounds; ++round) {
    SCOPED_TRACE("round " + std::to_string(round));
    // A fresh account and a fresh address each round: the last round's throttle does not carry over.
    const Hotelier guesser = owner("guesser" + std::to_string(round) + "@example.com", "Gus Guesser",
                                   {"Guess Inn " + std::to_string(round), "Cork", "Ireland", "Europe/Dublin", "x"});
    const Headers from{{"X-Forwarded-For", "198.51.100." + std::to_string(10 + round)}};
    const std::vector<BurstRequest> burst(100, desk_request("lookup", guesser.token, wrong, from));
    const auto answers = all_at_once(burst);
    int checked = 0;
    int limited = 0;
    for (const auto& answer : answers) {
      checked += answer.status == 404;
      if (answer.status == 429) {
        ++limited;
        EXPECT_FALSE(answer.header("Retry-After").empty());
      }
    }
    EXPECT_LE(checked, 20) << "more than 20 wrong codes were checked: " << summary(answers);
    EXPECT_EQ(checked + limited, 100) << summary(answers);
    const auto after = send_with(http_verb::post, "/api/v1/hotelier/redemptions/lookup",
                                 json::serialize(json::object{{"code", wrong}}), guesser.token, from);
    EXPECT_EQ(after.status, 429u) << after.body;
  }
}

}  // namespace
}  // namespace hc::test
