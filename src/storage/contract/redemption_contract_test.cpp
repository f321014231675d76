// The redemption repository's promises on both engines: claims take units and follow the hotel, every refusal,
// the wallet and the desk, and the races where a port breaks (a coupon's last units, a traveller's limit, two desks
// with one code).
#include <gtest/gtest.h>

#include <atomic>
#include <optional>
#include <thread>
#include <vector>

#include "core/time.hpp"
#include "storage_contract.hpp"

namespace hc::test {
namespace {

using redemptions::ClaimRequest;
using redemptions::Redemption;
using redemptions::RedemptionStatus;
using redemptions::UseRequest;

const SysSeconds kNow = parse_rfc3339("2026-06-01T12:00:00Z").value();

using Outcome = std::optional<Errc>;
constexpr Outcome kGranted = std::nullopt;

class RedemptionStorage : public StorageContract {
 protected:
  void SetUp() override {
    StorageContract::SetUp();
    add_hotelier("owner-1", "hotel-1");
    add_traveller("guest-1");
  }

  hc::Result<Redemption, Errc> claim(std::string_view coupon_id, std::string_view user_id, std::string_view id,
                                     std::string_view code, SysSeconds now = kNow) {
    return db().redemptions().claim(
        ClaimRequest{std::string(id), std::string(coupon_id), std::string(user_id), std::string(code), now});
  }

  static ClaimRequest request(std::string_view coupon_id, std::string_view user_id, std::string_view id,
                              std::string_view code) {
    return ClaimRequest{std::string(id), std::string(coupon_id), std::string(user_id), std::string(code), kNow};
  }

  //! A batch's outcomes in order: kGranted or the refusal.
  static std::vector<Outcome> outcomes(const std::vector<hc::Result<Redemption, Errc>>& claimed) {
    std::vector<Outcome> errors;
    for (const auto& one : claimed) errors.push_back(one.ok() ? kGranted : Outcome(one.error()));
    return errors;
  }

  //! Adds travellers t-0 .. t-<count - 1>.
  void add_travellers(int count) {
    std::string travellers = "INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES ";
    for (int i = 0; i < count; ++i) {
      const std::string id = "t-" + std::to_string(i);
      travellers += (i ? ", (" : "(") + quote(id) + ", " + quote(id + "@example.com") + ", " + quote(id) +
                    ", 'user', 'x', '2026-01-01T00:00:00Z')";
    }
    exec(travellers);
  }

  static UseRequest desk(std::string_view code, std::string_view event_id, SysSeconds now = kNow) {
    return UseRequest{.code = std::string(code),
                      .announce = {},
                      .hotel_id = "hotel-1",
                      .actor_id = "owner-1",
                      .client_address = "203.0.113.7",
                      .event_id = std::string(event_id),
                      .now = now};
  }

  Errc refusal(std::string_view coupon_id, std::string_view user_id = "guest-1") {
    auto claimed = claim(coupon_id, user_id, "r-refused", "CODE-REFUSED");
    EXPECT_FALSE(claimed.ok());
    EXPECT_EQ(query_int("SELECT count(*) FROM redemptions WHERE id = 'r-refused'"), 0);
    return claimed.ok() ? Errc::internal : claimed.error();
  }

  std::int64_t redeemed_count(std::string_view coupon_id) {
    return query_int("SELECT redeemed_count FROM coupons WHERE id = " + quote(coupon_id));
  }
};

TEST_P(RedemptionStorage, ClaimTakesAUnitStoresTheRedemptionAndFollowsTheHotel) {
  add_coupon({.id = "coupon-1", .hotel_id = "hotel-1", .quantity = 5});
  exec(
      "INSERT INTO outbox (id, kind, payload, created_at) VALUES ('ev-1', 'coupon.created', '{}', "
      "'2026-05-01T00:00:00Z')");
  auto claimed = claim("coupon-1", "guest-1", "r-1", "AAAA-BBBB-CCCC");
  ASSERT_TRUE(claimed.ok());
  EXPECT_EQ(claimed->id, "r-1");
  EXPECT_EQ(claimed->code, "AAAA-BBBB-CCCC");
  EXPECT_EQ(claimed->status, RedemptionStatus::redeemed);
  EXPECT_EQ(claimed->guest_name, "guest-1");
  EXPECT_EQ(claimed->redeemed_at, kNow);
  EXPECT_EQ(claimed->coupon.id, "coupon-1");
  EXPECT_EQ(claimed->coupon.redeemed_count, 1);
  EXPECT_EQ(claimed->coupon.hotel.name, "Hotel hotel-1");
  EXPECT_EQ(redeemed_count("coupon-1"), 1);
  EXPECT_EQ(query_int("SELECT count(*) FROM subscriptions WHERE user_id = 'guest-1' AND hotel_id = 'hotel-1' "
                      "AND state = 'following' AND source = 'redeem'"),
            1);
  EXPECT_EQ(query_int("SELECT after_event FROM subscriptions WHERE user_id = 'guest-1'"),
            query_int("SELECT max(seq) FROM outbox"))
      << "the new follower hears only events after the claim";
  EXPECT_EQ(query_int("SELECT count(*) FROM interaction_queue WHERE coupon_id = 'coupon-1' AND action = 'claim'"), 1);
}

TEST_P(RedemptionStorage, ClaimKeepsAnEarlierUnfollow) {
  add_coupon({.id = "coupon-1", .hotel_id = "hotel-1", .quantity = std::nullopt});
  exec(
      "INSERT INTO subscriptions (user_id, hotel_id, state, source, since) "
      "VALUES ('guest-1', 'hotel-1', 'unfollowed', 'manual', '2026-01-01T00:00:00Z')");
  ASSERT_TRUE(claim("coupon-1", "guest-1", "r-1", "AAAA-BBBB-CCCC").ok());
  EXPECT_EQ(query_int("SELECT count(*) FROM subscriptions WHERE state = 'unfollowed'"), 1);
  EXPECT_EQ(query_int("SELECT count(*) FROM subscriptions"), 1);
}

TEST_P(RedemptionStorage, RefusesMissingDraftAndArchivedCouponsAsNotFound) {
  add_coupon({.id = "draft", .hotel_id = "hotel-1", .status = "draft", .quantity = std::nullopt});
  add_coupon({.id = "archived", .hotel_id = "hotel-1", .status = "archived", .quantity = std::nullopt});
  EXPECT_EQ(refusal("missing"), Errc::not_found);
  EXPECT_EQ(refusal("draft"), Errc::not_found);
  EXPECT_EQ(refusal("archived"), Errc::not_found);
}

TEST_P(RedemptionStorage, RefusesAPausedCouponAsNotActive) {
  add_coupon({.id = "paused", .hotel_id = "hotel-1", .status = "paused", .quantity = std::nullopt});
  EXPECT_EQ(refusal("paused"), Errc::not_active);
}

TEST_P(RedemptionStorage, RefusesACouponOutsideItsValidityWindow) {
  add_coupon({.id = "ended", .hotel_id = "hotel-1", .quantity = std::nullopt, .valid_until = "2026-05-31T23:59:59Z"});
  add_coupon({.id = "later", .hotel_id = "hotel-1", .quantity = std::nullopt, .valid_from = "2026-06-01T12:00:01Z"});
  add_coupon({.id = "edges",
              .hotel_id = "hotel-1",
              .quantity = std::nullopt,
              .valid_from = "2026-06-01T12:00:00Z",
              .valid_until = "2026-06-01T12:00:00Z"});
  EXPECT_EQ(refusal("ended"), Errc::expired);
  EXPECT_EQ(refusal("later"), Errc::not_started);
  EXPECT_TRUE(claim("edges", "guest-1", "r-1", "AAAA-BBBB-CCCC").ok()) << "both ends of the window are inside it";
}

TEST_P(RedemptionStorage, RefusesASoldOutCoupon) {
  add_coupon({.id = "coupon-1", .hotel_id = "hotel-1", .quantity = 3, .redeemed_count = 3});
  EXPECT_EQ(refusal("coupon-1"), Errc::sold_out);
  EXPECT_EQ(redeemed_count("coupon-1"), 3);
}

TEST_P(RedemptionStorage, RefusesATravellerAtTheirLimitAndLeavesTheUnit) {
  add_coupon({.id = "coupon-1", .hotel_id = "hotel-1", .quantity = 10, .per_user_limit = 1});
  ASSERT_TRUE(claim("coupon-1", "guest-1", "r-1", "AAAA-BBBB-CCCC").ok());
  EXPECT_EQ(refusal("coupon-1"), Errc::already_redeemed);
  EXPECT_EQ(redeemed_count("coupon-1"), 1);
  EXPECT_EQ(query_int("SELECT count(*) FROM interaction_queue"), 1);
}

TEST_P(RedemptionStorage, ACancelledClaimNoLongerCountsTowardsTheLimit) {
  add_coupon({.id = "coupon-1", .hotel_id = "hotel-1", .quantity = std::nullopt});
  ASSERT_TRUE(claim("coupon-1", "guest-1", "r-1", "AAAA-BBBB-CCCC").ok());
  ASSERT_TRUE(db().redemptions().cancel("r-1", "guest-1", kNow).ok());
  EXPECT_TRUE(claim("coupon-1", "guest-1", "r-2", "AAAA-BBBB-DDDD").ok());
}

TEST_P(RedemptionStorage, ACollidingCodeIsCodeTakenAndLeavesNothingBehind) {
  add_traveller("guest-2");
  add_coupon({.id = "coupon-1", .hotel_id = "hotel-1", .quantity = 5});
  ASSERT_TRUE(claim("coupon-1", "guest-1", "r-1", "AAAA-BBBB-CCCC").ok());
  auto collided = claim("coupon-1", "guest-2", "r-2", "AAAA-BBBB-CCCC");
  ASSERT_FALSE(collided.ok());
  EXPECT_EQ(collided.error(), Errc::code_taken);
  EXPECT_EQ(redeemed_count("coupon-1"), 1);
  EXPECT_EQ(query_int("SELECT count(*) FROM redemptions"), 1);
  EXPECT_EQ(query_int("SELECT count(*) FROM subscriptions WHERE user_id = 'guest-2'"), 0);
  EXPECT_EQ(query_int("SELECT count(*) FROM interaction_queue"), 1);
  EXPECT_TRUE(claim("coupon-1", "guest-2", "r-2", "AAAA-BBBB-DDDD").ok()) << "another code then succeeds";
}

TEST_P(RedemptionStorage, ClaimsStopAtTheQuantityUnderConcurrentCallers) {
  constexpr int kThreads = 20;
  constexpr int kClaimsEach = 10;
  add_coupon({.id = "coupon-1", .hotel_id = "hotel-1", .quantity = 20});
  add_travellers(kThreads * kClaimsEach);
  std::atomic<int> granted{0};
  std::atomic<int> sold_out{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kClaimsEach; ++i) {
        const std::string n = std::to_string(t * kClaimsEach + i);
        auto claimed = claim("coupon-1", "t-" + n, "r-" + n, "CODE-" + n);
        if (claimed.ok())
          ++granted;
        else if (claimed.error() == Errc::sold_out)
          ++sold_out;
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(granted.load(), 20);
  EXPECT_EQ(sold_out.load(), kThreads * kClaimsEach - 20);
  EXPECT_EQ(redeemed_count("coupon-1"), 20);
  EXPECT_EQ(query_int("SELECT count(*) FROM redemptions"), 20);
  EXPECT_EQ(query_int("SELECT count(*) FROM subscriptions"), 20);
}

TEST_P(RedemptionStorage, ThePerUserLimitHoldsUnderConcurrentClaimsOfOneTraveller) {
  constexpr int kThreads = 8;
  add_coupon({.id = "coupon-1", .hotel_id = "hotel-1", .quantity = std::nullopt, .per_user_limit = 2});
  std::atomic<int> granted{0};
  std::atomic<int> refused{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      const std::string n = std::to_string(t);
      auto claimed = claim("coupon-1", "guest-1", "r-" + n, "CODE-" + n);
      if (claimed.ok())
        ++granted;
      else if (claimed.error() == Errc::already_redeemed)
        ++refused;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(granted.load(), 2);
  EXPECT_EQ(refused.load(), kThreads - 2);
  EXPECT_EQ(redeemed_count("coupon-1"), 2);
  EXPECT_EQ(query_int("SELECT count(*) FROM subscriptions"), 1);
}

TEST_P(RedemptionStorage, ABatchGivesEachClaimTheOutcomeItWouldHaveHadAlone) {
  add_traveller("guest-2");
  add_coupon({.id = "open", .hotel_id = "hotel-1", .quantity = 5});
  add_coupon({.id = "paused", .hotel_id = "hotel-1", .status = "paused", .quantity = std::nullopt});
  add_coupon({.id = "ended", .hotel_id = "hotel-1", .quantity = std::nullopt, .valid_until = "2026-05-31T23:59:59Z"});
  add_coupon({.id = "later", .hotel_id = "hotel-1", .quantity = std::nullopt, .valid_from = "2026-06-02T00:00:00Z"});
  add_coupon({.id = "gone", .hotel_id = "hotel-1", .quantity = 1, .redeemed_count = 1});
  const auto claimed = db().redemptions().claim_all({request("open", "guest-1", "r-1", "CODE-1"),
                                                     request("paused", "guest-1", "r-2", "CODE-2"),
                                                     request("ended", "guest-1", "r-3", "CODE-3"),
                                                     request("later", "guest-1", "r-4", "CODE-4"),
                                                     request("gone", "guest-1", "r-5", "CODE-5"),
                                                     request("missing", "guest-1", "r-6", "CODE-6"),
                                                     request("open", "guest-1", "r-7", "CODE-7"),
                                                     request("open", "guest-2", "r-8", "CODE-8")});
  EXPECT_EQ(outcomes(claimed), (std::vector<Outcome>{kGranted, Errc::not_active, Errc::expired, Errc::not_started,
                                                  Errc::sold_out, Errc::not_found, Errc::already_redeemed, kGranted}));
  ASSERT_TRUE(claimed[0].ok());
  ASSERT_TRUE(claimed[7].ok());
  EXPECT_EQ(claimed[0]->coupon.redeemed_count, 1) << "each grant sees the units taken before it";
  EXPECT_EQ(claimed[7]->coupon.redeemed_count, 2);
  EXPECT_EQ(claimed[7]->guest_name, "guest-2");
  EXPECT_EQ(redeemed_count("open"), 2);
  EXPECT_EQ(redeemed_count("gone"), 1);
  EXPECT_EQ(query_int("SELECT count(*) FROM redemptions"), 2);
  EXPECT_EQ(query_int("SELECT count(*) FROM redemptions WHERE id IN ('r-1', 'r-8')"), 2);
  EXPECT_EQ(query_int("SELECT count(*) FROM subscriptions WHERE hotel_id = 'hotel-1' AND state = 'following'"), 2);
  EXPECT_EQ(query_int("SELECT count(*) FROM interaction_queue WHERE coupon_id = 'open' AND action = 'claim'"), 2);
  EXPECT_EQ(query_int("SELECT count(*) FROM interaction_queue"), 2);
}

TEST_P(RedemptionStorage, ACouponSellsOutInTheMiddleOfABatch) {
  add_travellers(4);
  add_coupon({.id = "coupon-1", .hotel_id = "hotel-1", .quantity = 2});
  const auto claimed = db().redemptions().claim_all({request("coupon-1", "t-0", "r-0", "CODE-0"),
                                                     request("coupon-1", "t-1", "r-1", "CODE-1"),
                                                     request("coupon-1", "t-2", "r-2", "CODE-2"),
                                                     request("coupon-1", "t-3", "r-3", "CODE-3")});
  EXPECT_EQ(outcomes(claimed), (std::vector<Outcome>{kGranted, kGranted, Errc::sold_out, Errc::sold_out}));
  EXPECT_EQ(redeemed_count("coupon-1"), 2);
  EXPECT_EQ(query_int("SELECT count(*) FROM redemptions"), 2);
  EXPECT_EQ(query_int("SELECT count(*) FROM subscriptions"), 2);
  EXPECT_EQ(query_int("SELECT count(*) FROM interaction_queue"), 2);
}

TEST_P(RedemptionStorage, TheSameTravellerTwiceInABatchMeetsTheirLimit) {
  add_coupon({.id = "once", .hotel_id = "hotel-1", .quantity = std::nullopt, .per_user_limit = 1});
  add_coupon({.id = "twice", .hotel_id = "hotel-1", .quantity = std::nullopt, .per_user_limit = 2});
  const auto claimed = db().redemptions().claim_all({request("once", "guest-1", "r-1", "CODE-1"),
                                                     request("once", "guest-1", "r-2", "CODE-2"),
                                                     request("twice", "guest-1", "r-3", "CODE-3"),
                                                     request("twice", "guest-1", "r-4", "CODE-4"),
                                                     request("twice", "guest-1", "r-5", "CODE-5")});
  EXPECT_EQ(outcomes(claimed),
            (std::vector<Outcome>{kGranted, Errc::already_redeemed, kGranted, kGranted, Errc::already_redeemed}));
  EXPECT_EQ(redeemed_count("once"), 1);
  EXPECT_EQ(redeemed_count("twice"), 2);
  EXPECT_EQ(query_int("SELECT count(*) FROM subscriptions"), 1);
  EXPECT_EQ(query_int("SELECT count(*) FROM interaction_queue"), 3);
}

TEST_P(RedemptionStorage, ACodeRepeatedInABatchIsTakenForTheSecondOnlyWhichLeavesNothing) {
  add_travellers(3);
  add_coupon({.id = "coupon-1", .hotel_id = "hotel-1", .quantity = 5});
  ASSERT_TRUE(claim("coupon-1", "guest-1", "r-0", "CODE-STORED").ok());
  const auto claimed = db().redemptions().claim_all({request("coupon-1", "t-0", "r-1", "CODE-SAME"),
                                                     request("coupon-1", "t-1", "r-2", "CODE-SAME"),
                                                     request("coupon-1", "t-2", "r-3", "CODE-STORED")});
  EXPECT_EQ(outcomes(claimed), (std::vector<Outcome>{kGranted, Errc::code_taken, Errc::code_taken}));
  EXPECT_EQ(redeemed_count("coupon-1"), 2);
  EXPECT_EQ(query_int("SELECT count(*) FROM redemptions"), 2);
  EXPECT_EQ(query_int("SELECT count(*) FROM redemptions WHERE id IN ('r-2', 'r-3')"), 0);
  EXPECT_EQ(query_int("SELECT count(*) FROM subscriptions WHERE user_id IN ('t-1', 't-2')"), 0);
  EXPECT_EQ(query_int("SELECT count(*) FROM interaction_queue"), 2);
  const auto again = db().redemptions().claim_all({request("coupon-1", "t-1", "r-2", "CODE-NEW")});
  EXPECT_TRUE(again.front().ok()) << "another code then succeeds";
}

TEST_P(RedemptionStorage, ABatchOverTwoCouponsOfTwoHotels) {
  add_traveller("guest-2");
  add_hotelier("owner-2", "hotel-2");
  add_coupon({.id = "coupon-1", .hotel_id = "hotel-1", .quantity = 5});
  add_coupon({.id = "coupon-2", .hotel_id = "hotel-2", .quantity = 5});
  const auto claimed = db().redemptions().claim_all({request("coupon-2", "guest-1", "r-1", "CODE-1"),
                                                     request("coupon-1", "guest-1", "r-2", "CODE-2"),
                                                     request("coupon-2", "guest-2", "r-3", "CODE-3"),
                                                     request("coupon-1", "guest-2", "r-4", "CODE-4")});
  ASSERT_EQ(outcomes(claimed), (std::vector<Outcome>(4, kGranted)));
  EXPECT_EQ(claimed[0]->coupon.id, "coupon-2");
  EXPECT_EQ(claimed[1]->coupon.id, "coupon-1");
  EXPECT_EQ(claimed[2]->coupon.hotel.name, "Hotel hotel-2");
  EXPECT_EQ(redeemed_count("coupon-1"), 2);
  EXPECT_EQ(redeemed_count("coupon-2"), 2);
  EXPECT_EQ(query_int("SELECT count(*) FROM subscriptions WHERE state = 'following'"), 4);
  EXPECT_EQ(query_int("SELECT count(*) FROM interaction_queue WHERE coupon_id = 'coupon-2'"), 2);
}

TEST_P(RedemptionStorage, ConcurrentBatchesOverTwoCouponsStopAtTheirQuantities) {
  constexpr int kThreads = 6;
  constexpr int kBatches = 5;
  constexpr int kBatchSize = 10;
  constexpr int kQuantity = 30;
  add_traveller("guest-2");
  add_hotelier("owner-2", "hotel-2");
  add_coupon({.id = "coupon-1", .hotel_id = "hotel-1", .quantity = kQuantity});
  add_coupon({.id = "coupon-2", .hotel_id = "hotel-2", .quantity = kQuantity});
  add_travellers(kThreads * kBatches * kBatchSize);
  std::atomic<int> granted{0};
  std::atomic<int> sold_out{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int b = 0; b < kBatches; ++b) {
        std::vector<ClaimRequest> batch;
        for (int i = 0; i < kBatchSize; ++i) {
          const std::string n = std::to_string((t * kBatches + b) * kBatchSize + i);
          // Each traveller claims both coupons, in an order that differs between threads: a batch must not
          // lock the coupons in the order its claims name them.
          const bool first = (i + t) % 2 == 0;
          batch.push_back(request(first ? "coupon-1" : "coupon-2", "t-" + n, "r-a" + n, "CODE-A" + n));
          batch.push_back(request(first ? "coupon-2" : "coupon-1", "t-" + n, "r-b" + n, "CODE-B" + n));
        }
        for (const Outcome outcome : outcomes(db().redemptions().claim_all(batch))) {
          if (outcome == kGranted) ++granted;
          if (outcome == Errc::sold_out) ++sold_out;
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(granted.load(), 2 * kQuantity);
  EXPECT_EQ(sold_out.load(), 2 * kThreads * kBatches * kBatchSize - 2 * kQuantity);
  EXPECT_EQ(redeemed_count("coupon-1"), kQuantity);
  EXPECT_EQ(redeemed_count("coupon-2"), kQuantity);
  EXPECT_EQ(query_int("SELECT count(*) FROM redemptions"), 2 * kQuantity);
}

TEST_P(RedemptionStorage, CancelGivesTheUnitBack) {
  add_coupon({.id = "coupon-1", .hotel_id = "hotel-1", .quantity = 1});
  ASSERT_TRUE(claim("coupon-1", "guest-1", "r-1", "AAAA-BBBB-CCCC").ok());
  auto cancelled = db().redemptions().cancel("r-1", "guest-1", kNow + std::chrono::minutes(5));
  ASSERT_TRUE(cancelled.ok());
  EXPECT_EQ(cancelled->status, RedemptionStatus::cancelled);
  EXPECT_EQ(cancelled->cancelled_at, kNow + std::chrono::minutes(5));
  EXPECT_EQ(cancelled->coupon.redeemed_count, 0);
  add_traveller("guest-2");
  EXPECT_TRUE(claim("coupon-1", "guest-2", "r-2", "AAAA-BBBB-DDDD").ok()) << "the unit is free again";
}

TEST_P(RedemptionStorage, CancelRefusesOthersUsedAndCancelledClaims) {
  add_traveller("guest-2");
  add_coupon({.id = "coupon-1", .hotel_id = "hotel-1", .quantity = std::nullopt, .per_user_limit = 5});
  ASSERT_TRUE(claim("coupon-1", "guest-1", "r-1", "AAAA-BBBB-0001").ok());
  ASSERT_TRUE(claim("coupon-1", "guest-1", "r-2", "AAAA-BBBB-0002").ok());
  std::optional<Redemption> used;
  ASSERT_TRUE(db().redemptions().use(desk("AAAA-BBBB-0002", "de-1"), used).ok());
  auto& repo = db().redemptions();
  EXPECT_EQ(repo.cancel("r-1", "guest-2", kNow).error(), Errc::not_found);
  EXPECT_EQ(repo.cancel("r-missing", "guest-1", kNow).error(), Errc::not_found);
  EXPECT_EQ(repo.cancel("r-2", "guest-1", kNow).error(), Errc::already_used);
  ASSERT_TRUE(repo.cancel("r-1", "guest-1", kNow).ok());
  EXPECT_EQ(repo.cancel("r-1", "guest-1", kNow).error(), Errc::already_cancelled);
  EXPECT_EQ(redeemed_count("coupon-1"), 1);
}

TEST_P(RedemptionStorage, ListsATravellersClaimsNewestFirstByStatusAfterTheCursor) {
  add_traveller("guest-2");
  add_coupon({.id = "coupon-1", .hotel_id = "hotel-1", .quantity = std::nullopt, .per_user_limit = 9});
  for (const char* n : {"1", "2", "3", "4"}) {
    ASSERT_TRUE(claim("coupon-1", "guest-1", std::string("r-") + n, std::string("CODE-") + n).ok());
  }
  ASSERT_TRUE(claim("coupon-1", "guest-2", "r-5", "CODE-5").ok());
  ASSERT_TRUE(db().redemptions().cancel("r-2", "guest-1", kNow).ok());
  const auto ids = [](const std::vector<Redemption>& list) {
    std::vector<std::string> out;
    for (const auto& r : list) out.push_back(r.id);
    return out;
  };
  auto& repo = db().redemptions();
  EXPECT_EQ(ids(repo.list_for_user("guest-1", std::nullopt, std::nullopt, 10)),
            (std::vector<std::string>{"r-4", "r-3", "r-2", "r-1"}));
  EXPECT_EQ(ids(repo.list_for_user("guest-1", std::nullopt, std::nullopt, 2)),
            (std::vector<std::string>{"r-4", "r-3"}));
  EXPECT_EQ(ids(repo.list_for_user("guest-1", std::nullopt, "r-3", 10)), (std::vector<std::string>{"r-2", "r-1"}));
  EXPECT_EQ(ids(repo.list_for_user("guest-1", RedemptionStatus::redeemed, std::nullopt, 10)),
            (std::vector<std::string>{"r-4", "r-3", "r-1"}));
  EXPECT_EQ(ids(repo.list_for_user("guest-1", RedemptionStatus::cancelled, std::nullopt, 10)),
            (std::vector<std::string>{"r-2"}));
  EXPECT_TRUE(repo.list_for_user("guest-1", std::nullopt, "r-1", 10).empty());
  EXPECT_TRUE(repo.list_for_user("nobody", std::nullopt, std::nullopt, 10).empty());
}

TEST_P(RedemptionStorage, FindsByIdAndByLiveCodeOfTheHotel) {
  add_hotelier("owner-2", "hotel-2");
  add_coupon({.id = "coupon-1", .hotel_id = "hotel-1", .quantity = std::nullopt, .per_user_limit = 2});
  ASSERT_TRUE(claim("coupon-1", "guest-1", "r-1", "AAAA-BBBB-0001").ok());
  ASSERT_TRUE(claim("coupon-1", "guest-1", "r-2", "AAAA-BBBB-0002").ok());
  ASSERT_TRUE(db().redemptions().cancel("r-2", "guest-1", kNow).ok());
  auto& repo = db().redemptions();
  ASSERT_TRUE(repo.find("r-1").has_value());
  EXPECT_EQ(repo.find("r-1")->code, "AAAA-BBBB-0001");
  EXPECT_FALSE(repo.find("r-missing").has_value());
  ASSERT_TRUE(repo.find_by_code("AAAA-BBBB-0001", "hotel-1").has_value());
  EXPECT_EQ(repo.find_by_code("AAAA-BBBB-0001", "hotel-1")->id, "r-1");
  EXPECT_FALSE(repo.find_by_code("AAAA-BBBB-0001", "hotel-2").has_value()) << "another hotel's desk";
  EXPECT_FALSE(repo.find_by_code("AAAA-BBBB-0002", "hotel-1").has_value()) << "a cancelled claim";
}

TEST_P(RedemptionStorage, UseMarksTheCodeOnceWithTheDeskLineTheAnnouncementAndTheInteraction) {
  add_coupon({.id = "coupon-1", .hotel_id = "hotel-1", .quantity = std::nullopt});
  ASSERT_TRUE(claim("coupon-1", "guest-1", "r-1", "AAAA-BBBB-CCCC").ok());
  UseRequest request = desk("AAAA-BBBB-CCCC", "de-1", kNow + std::chrono::hours(1));
  request.announce = [](const Redemption& r) {
    return notifications::OutboxEvent{"ev-" + r.id, "coupon.used",
                                      "{\"status\":\"" + std::string(redemptions::to_string(r.status)) + "\"}"};
  };
  std::optional<Redemption> used;
  auto marked = db().redemptions().use(request, used);
  ASSERT_TRUE(marked.ok());
  EXPECT_FALSE(used.has_value());
  EXPECT_EQ(marked->status, RedemptionStatus::used);
  EXPECT_EQ(marked->used_at, kNow + std::chrono::hours(1));
  EXPECT_EQ(marked->used_by, "owner-1");
  EXPECT_EQ(marked->used_by_name, "owner-1");
  EXPECT_EQ(query_int("SELECT count(*) FROM outbox WHERE id = 'ev-r-1' AND kind = 'coupon.used' "
                      "AND payload = '{\"status\":\"used\"}'"),
            1);
  EXPECT_EQ(query_int("SELECT count(*) FROM desk_events WHERE id = 'de-1' AND action = 'use'"), 1);
  EXPECT_EQ(query_int("SELECT count(*) FROM interaction_queue WHERE action = 'use'"), 1);

  auto again = db().redemptions().use(desk("AAAA-BBBB-CCCC", "de-2"), used);
  ASSERT_FALSE(again.ok());
  EXPECT_EQ(again.error(), Errc::already_used);
  ASSERT_TRUE(used.has_value());
  EXPECT_EQ(used->id, "r-1");
  EXPECT_EQ(used->used_at, kNow + std::chrono::hours(1));
  EXPECT_EQ(query_int("SELECT count(*) FROM desk_events"), 1);
}

TEST_P(RedemptionStorage, UseRefusesUnknownCancelledAndOtherHotelsCodes) {
  add_hotelier("owner-2", "hotel-2");
  add_coupon({.id = "coupon-1", .hotel_id = "hotel-1", .quantity = std::nullopt, .per_user_limit = 2});
  ASSERT_TRUE(claim("coupon-1", "guest-1", "r-1", "AAAA-BBBB-0001").ok());
  ASSERT_TRUE(claim("coupon-1", "guest-1", "r-2", "AAAA-BBBB-0002").ok());
  ASSERT_TRUE(db().redemptions().cancel("r-2", "guest-1", kNow).ok());
  std::optional<Redemption> used;
  EXPECT_EQ(db().redemptions().use(desk("ZZZZ-ZZZZ-ZZZZ", "de-1"), used).error(), Errc::invalid_code);
  EXPECT_EQ(db().redemptions().use(desk("AAAA-BBBB-0002", "de-2"), used).error(), Errc::invalid_code);
  UseRequest other = desk("AAAA-BBBB-0001", "de-3");
  other.hotel_id = "hotel-2";
  other.actor_id = "owner-2";
  EXPECT_EQ(db().redemptions().use(other, used).error(), Errc::invalid_code);
  EXPECT_FALSE(used.has_value());
  EXPECT_EQ(query_int("SELECT count(*) FROM desk_events"), 0);
}

TEST_P(RedemptionStorage, TwoDesksUsingOneCodeAtOnceMarkItOnce) {
  constexpr int kCodes = 10;
  add_coupon({.id = "coupon-1", .hotel_id = "hotel-1", .quantity = std::nullopt, .per_user_limit = kCodes});
  for (int i = 0; i < kCodes; ++i) {
    const std::string n = std::to_string(i);
    ASSERT_TRUE(claim("coupon-1", "guest-1", "r-" + n, "CODE-" + n).ok());
  }
  std::atomic<int> marked{0};
  std::atomic<int> already{0};
  std::vector<std::thread> desks;
  for (int d = 0; d < 2; ++d) {
    desks.emplace_back([&, d] {
      for (int i = 0; i < kCodes; ++i) {
        std::optional<Redemption> used;
        const std::string n = std::to_string(i);
        auto result = db().redemptions().use(desk("CODE-" + n, "de-" + std::to_string(d) + "-" + n), used);
        if (result.ok())
          ++marked;
        else if (result.error() == Errc::already_used && used)
          ++already;
      }
    });
  }
  for (auto& thread : desks) thread.join();
  EXPECT_EQ(marked.load(), kCodes);
  EXPECT_EQ(already.load(), kCodes);
  EXPECT_EQ(query_int("SELECT count(*) FROM desk_events"), kCodes);
  EXPECT_EQ(query_int("SELECT count(*) FROM interaction_queue WHERE action = 'use'"), kCodes);
}

TEST_P(RedemptionStorage, UndoRestoresAUseWithinTheWindowOnly) {
  add_hotelier("owner-2", "hotel-2");
  add_coupon({.id = "coupon-1", .hotel_id = "hotel-1", .quantity = std::nullopt, .per_user_limit = 2});
  ASSERT_TRUE(claim("coupon-1", "guest-1", "r-1", "AAAA-BBBB-0001").ok());
  ASSERT_TRUE(claim("coupon-1", "guest-1", "r-2", "AAAA-BBBB-0002").ok());
  std::optional<Redemption> used;
  ASSERT_TRUE(db().redemptions().use(desk("AAAA-BBBB-0001", "de-1"), used).ok());
  auto& repo = db().redemptions();
  const auto window = std::chrono::minutes(10);
  EXPECT_EQ(repo.undo_use("r-2", desk("", "de-2"), "oops", window).error(), Errc::not_used);
  EXPECT_EQ(repo.undo_use("r-missing", desk("", "de-2"), "oops", window).error(), Errc::not_found);
  UseRequest other = desk("", "de-2");
  other.hotel_id = "hotel-2";
  EXPECT_EQ(repo.undo_use("r-1", other, "oops", window).error(), Errc::not_found);
  EXPECT_EQ(repo.undo_use("r-1", desk("", "de-2", kNow + window + std::chrono::seconds(1)), "late", window).error(),
            Errc::undo_window_passed);
  auto restored = repo.undo_use("r-1", desk("", "de-2", kNow + window), "wrong guest", window);
  ASSERT_TRUE(restored.ok());
  EXPECT_EQ(restored->status, RedemptionStatus::redeemed);
  EXPECT_FALSE(restored->used_at.has_value());
  EXPECT_FALSE(restored->used_by.has_value());
  EXPECT_EQ(query_int("SELECT count(*) FROM desk_events WHERE action = 'undo' AND reason = 'wrong guest'"), 1);
  EXPECT_TRUE(repo.use(desk("AAAA-BBBB-0001", "de-3"), used).ok()) << "the code can be used again";
}

TEST_P(RedemptionStorage, TheAuditLogIsTheHotelsNewestFirstAfterTheCursor) {
  add_hotelier("owner-2", "hotel-2");
  add_coupon(
      {.id = "coupon-1", .hotel_id = "hotel-1", .title = "Café crème", .quantity = std::nullopt, .per_user_limit = 2});
  add_coupon({.id = "coupon-2", .hotel_id = "hotel-2", .quantity = std::nullopt});
  ASSERT_TRUE(claim("coupon-1", "guest-1", "r-1", "AAAA-BBBB-0001").ok());
  ASSERT_TRUE(claim("coupon-2", "guest-1", "r-2", "AAAA-BBBB-0002").ok());
  std::optional<Redemption> used;
  ASSERT_TRUE(db().redemptions().use(desk("AAAA-BBBB-0001", "de-1"), used).ok());
  ASSERT_TRUE(db().redemptions().undo_use("r-1", desk("", "de-2"), "mistake", std::chrono::minutes(5)).ok());
  ASSERT_TRUE(db().redemptions().use(desk("AAAA-BBBB-0001", "de-3"), used).ok());
  UseRequest other = desk("AAAA-BBBB-0002", "de-4");
  other.hotel_id = "hotel-2";
  other.actor_id = "owner-2";
  ASSERT_TRUE(db().redemptions().use(other, used).ok());

  auto& repo = db().redemptions();
  const auto log = repo.audit_log("hotel-1", std::nullopt, 10);
  ASSERT_EQ(log.size(), 3U);
  EXPECT_EQ(log[0].id, "de-3");
  EXPECT_EQ(log[1].id, "de-2");
  EXPECT_EQ(log[2].id, "de-1");
  EXPECT_EQ(log[1].action, "undo");
  EXPECT_EQ(log[1].reason, "mistake");
  EXPECT_EQ(log[2].redemption_status, "used") << "the status as it is now";
  EXPECT_EQ(log[2].coupon_title, "Café crème");
  EXPECT_EQ(log[2].guest_name, "guest-1");
  EXPECT_EQ(log[2].actor_name, "owner-1");
  EXPECT_EQ(log[2].client_address, "203.0.113.7");
  EXPECT_EQ(log[2].at, kNow);
  const auto page = repo.audit_log("hotel-1", "de-3", 1);
  ASSERT_EQ(page.size(), 1U);
  EXPECT_EQ(page[0].id, "de-2");
  EXPECT_TRUE(repo.audit_log("hotel-1", "de-1", 10).empty());
  EXPECT_TRUE(repo.audit_log("hotel-3", std::nullopt, 10).empty());
}

HC_STORAGE_CONTRACT(RedemptionStorage);

}  // namespace
}  // namespace hc::test
