// The interaction repository's promises on both engines: a retried event is queued once, folding counts each
// event once into the hotel-local day (also with several folders at once), a delivery from a queue outside the
// database is counted once however often it is handed over, and the counters read back per day and per coupon.
#include <gtest/gtest.h>

#include <algorithm>
#include <atomic>
#include <random>
#include <thread>
#include <vector>

#include "core/time.hpp"
#include "storage_contract.hpp"

namespace hc::test {
namespace {

using interactions::DeliveredInteraction;
using interactions::Interaction;

const SysSeconds kNow = parse_rfc3339("2026-06-02T12:00:00Z").value();

SysSeconds at(std::string_view rfc3339) { return parse_rfc3339(rfc3339).value(); }
LocalDate day(std::string_view iso) { return parse_iso_date(iso).value(); }

class InteractionStorage : public StorageContract {
 protected:
  void SetUp() override {
    StorageContract::SetUp();
    add_hotelier("owner-1", "hotel-1");                      // Europe/Dublin, UTC+1 in June
    add_hotelier("owner-2", "hotel-2", "America/New_York");  // UTC-4 in June
    add_coupon({.id = "coupon-1", .hotel_id = "hotel-1", .title = "Sea view", .quantity = std::nullopt});
    add_coupon({.id = "coupon-2", .hotel_id = "hotel-1", .title = "Spa", .quantity = std::nullopt});
    add_coupon({.id = "coupon-3", .hotel_id = "hotel-2", .title = "Brunch", .quantity = std::nullopt});
  }

  std::size_t enqueue(std::vector<Interaction> events, SysSeconds now = kNow) {
    return db().interactions().enqueue(events, now);
  }

  std::int64_t views(std::string_view coupon_id) {
    return query_int("SELECT coalesce(sum(views), 0) FROM coupon_daily WHERE coupon_id = " + quote(coupon_id));
  }
};

TEST_P(InteractionStorage, EnqueueSkipsAnEventIdSeenBefore) {
  EXPECT_EQ(enqueue({{"e-1", "coupon-1", "view", kNow},
                     {"e-2", "coupon-1", "click", kNow},
                     {std::nullopt, "coupon-1", "view", kNow},
                     {"e-1", "coupon-1", "view", kNow}}),
            3U)
      << "the repeated id in one batch is skipped too";
  EXPECT_EQ(enqueue({{"e-1", "coupon-1", "view", kNow}, {std::nullopt, "coupon-1", "view", kNow}}), 1U)
      << "events without an id are always queued";
  EXPECT_EQ(db().interactions().backlog(kNow).first, 4);
}

TEST_P(InteractionStorage, EnqueueOfTheSameIdsByConcurrentCallersQueuesEachOnce) {
  constexpr int kThreads = 4;
  constexpr int kEvents = 50;
  std::atomic<std::size_t> queued{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      std::vector<Interaction> events;
      for (int i = 0; i < kEvents; ++i) events.push_back({"e-" + std::to_string(i), "coupon-1", "view", kNow});
      if (t % 2 == 1) std::ranges::reverse(events);  // the same ids in another order must not deadlock
      queued += db().interactions().enqueue(events, kNow);
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(queued.load(), std::size_t{kEvents});
  EXPECT_EQ(db().interactions().backlog(kNow).first, kEvents);
}

TEST_P(InteractionStorage, AnEventIdIsForgottenADayAfterItCame) {
  ASSERT_EQ(enqueue({{"e-1", "coupon-1", "view", kNow}}), 1U);
  db().interactions().fold(10, kNow + std::chrono::hours(23));
  EXPECT_EQ(enqueue({{"e-1", "coupon-1", "view", kNow}}), 0U) << "still remembered within the day";
  // Ids are forgotten by a fold that has events to fold.
  enqueue({{std::nullopt, "coupon-1", "view", kNow}});
  db().interactions().fold(10, kNow + std::chrono::hours(25));
  EXPECT_EQ(enqueue({{"e-1", "coupon-1", "view", kNow}}), 1U);
}

TEST_P(InteractionStorage, FoldCountsEachEventOnTheHotelsLocalDay) {
  enqueue({{std::nullopt, "coupon-1", "view", at("2026-06-01T23:30:00Z")},   // Dublin: 2 June 00:30
           {std::nullopt, "coupon-1", "click", at("2026-06-01T22:30:00Z")},  // Dublin: 1 June 23:30
           {std::nullopt, "coupon-3", "share", at("2026-06-02T02:00:00Z")},  // New York: 1 June 22:00
           {std::nullopt, "coupon-3", "claim", at("2026-06-02T05:00:00Z")},  // New York: 2 June 01:00
           {std::nullopt, "coupon-2", "use", at("2026-06-02T10:00:00Z")}});
  const auto folded = db().interactions().fold(100, kNow);
  EXPECT_EQ(folded.folded, 5U);
  EXPECT_EQ(folded.dropped, 0U);
  EXPECT_EQ(folded.changed_hotel_owners, (std::vector<std::string>{"owner-1", "owner-2"}));
  EXPECT_EQ(query_int("SELECT views FROM coupon_daily WHERE coupon_id = 'coupon-1' AND day = '2026-06-02'"), 1);
  EXPECT_EQ(query_int("SELECT clicks FROM coupon_daily WHERE coupon_id = 'coupon-1' AND day = '2026-06-01'"), 1);
  EXPECT_EQ(query_int("SELECT shares FROM coupon_daily WHERE coupon_id = 'coupon-3' AND day = '2026-06-01'"), 1);
  EXPECT_EQ(query_int("SELECT claims FROM coupon_daily WHERE coupon_id = 'coupon-3' AND day = '2026-06-02'"), 1);
  EXPECT_EQ(query_int("SELECT uses FROM coupon_daily WHERE coupon_id = 'coupon-2' AND day = '2026-06-02'"), 1);
  EXPECT_EQ(db().interactions().backlog(kNow).first, 0);
}

TEST_P(InteractionStorage, FoldDropsEventsOfUnknownCouponsAndNamesEachOwnerOnce) {
  enqueue({{std::nullopt, "coupon-1", "view", kNow},
           {std::nullopt, "gone", "view", kNow},
           {std::nullopt, "coupon-2", "view", kNow},
           {std::nullopt, "coupon-1", "click", kNow}});
  const auto folded = db().interactions().fold(100, kNow);
  EXPECT_EQ(folded.folded, 3U);
  EXPECT_EQ(folded.dropped, 1U);
  EXPECT_EQ(folded.changed_hotel_owners, (std::vector<std::string>{"owner-1"}));
  EXPECT_EQ(db().interactions().backlog(kNow).first, 0) << "the dropped event is deleted too";
}

TEST_P(InteractionStorage, AQueuedRecordIsFoldedAsTheEventsItsCountStandsFor) {
  EXPECT_EQ(enqueue({{std::nullopt, "coupon-1", "view", at("2026-06-01T23:30:00Z"), 7},   // Dublin: 2 June
                     {std::nullopt, "coupon-3", "click", at("2026-06-02T02:00:00Z"), 3},  // New York: 1 June
                     {std::nullopt, "gone", "view", kNow, 4},
                     {"e-1", "coupon-1", "view", kNow}}),
            15U);
  EXPECT_EQ(db().interactions().backlog(kNow).first, 15) << "events wait, not rows";
  const auto folded = db().interactions().fold(100, kNow);
  EXPECT_EQ(folded.folded, 11U);
  EXPECT_EQ(folded.dropped, 4U) << "an unknown coupon's record drops all its events";
  EXPECT_EQ(query_int("SELECT views FROM coupon_daily WHERE coupon_id = 'coupon-1' AND day = '2026-06-02'"), 8);
  EXPECT_EQ(query_int("SELECT clicks FROM coupon_daily WHERE coupon_id = 'coupon-3' AND day = '2026-06-01'"), 3);
  EXPECT_EQ(db().interactions().backlog(kNow).first, 0);
}

TEST_P(InteractionStorage, FoldTakesTheOldestBatchAndAddsToTheCounters) {
  for (int i = 0; i < 5; ++i) enqueue({{std::nullopt, "coupon-1", "view", kNow + std::chrono::seconds(i)}});
  EXPECT_EQ(db().interactions().fold(2, kNow).folded, 2U);
  const auto [depth, age] = db().interactions().backlog(kNow + std::chrono::seconds(10));
  EXPECT_EQ(depth, 3);
  EXPECT_EQ(age, std::chrono::seconds(8)) << "the oldest left is the third";
  EXPECT_EQ(db().interactions().fold(10, kNow).folded, 3U);
  EXPECT_EQ(views("coupon-1"), 5);
  const auto empty = db().interactions().fold(10, kNow);
  EXPECT_EQ(empty.folded + empty.dropped, 0U);
  EXPECT_TRUE(empty.changed_hotel_owners.empty());
}

TEST_P(InteractionStorage, BacklogOfAnEmptyQueueIsZero) {
  const auto [depth, age] = db().interactions().backlog(kNow);
  EXPECT_EQ(depth, 0);
  EXPECT_EQ(age, std::chrono::seconds(0));
}

TEST_P(InteractionStorage, ConcurrentFoldersCountEveryEventExactlyOnce) {
  constexpr int kEvents = 600;
  std::vector<Interaction> events;
  for (int i = 0; i < kEvents; ++i) {
    events.push_back({std::nullopt, i % 2 ? "coupon-1" : "coupon-3", "view", kNow + std::chrono::seconds(i)});
  }
  ASSERT_EQ(enqueue(events), std::size_t{kEvents});
  std::atomic<std::size_t> folded{0};
  std::vector<std::thread> folders;
  for (int t = 0; t < 2; ++t) {
    folders.emplace_back([&] {
      // A folder may find nothing to take while the other holds the last batch; it stops once the queue is empty.
      while (true) {
        const auto result = db().interactions().fold(25, kNow);
        folded += result.folded;
        if (result.folded == 0 && db().interactions().backlog(kNow).first == 0) break;
      }
    });
  }
  for (auto& thread : folders) thread.join();
  EXPECT_EQ(folded.load(), std::size_t{kEvents});
  EXPECT_EQ(views("coupon-1") + views("coupon-3"), kEvents);
  EXPECT_EQ(views("coupon-1"), kEvents / 2);
}

TEST_P(InteractionStorage, FoldDeliveredCountsEachDeliveryOnce) {
  const std::vector<DeliveredInteraction> delivered{{"s:1-0", {std::nullopt, "coupon-1", "view", kNow}},
                                                    {"s:1-1", {std::nullopt, "coupon-1", "view", kNow}}};
  const auto first = db().interactions().fold_delivered(delivered, kNow);
  EXPECT_EQ(first.folded, 2U);
  EXPECT_EQ(first.changed_hotel_owners, (std::vector<std::string>{"owner-1"}));
  const auto again = db().interactions().fold_delivered(delivered, kNow);
  EXPECT_EQ(again.folded + again.dropped, 0U) << "handed over again after a commit";
  EXPECT_TRUE(again.changed_hotel_owners.empty());
  EXPECT_EQ(views("coupon-1"), 2);
}

TEST_P(InteractionStorage, FoldDeliveredCountsARecordAsTheEventsItsCountStandsFor) {
  const std::vector<DeliveredInteraction> delivered{{"s:1-0", {std::nullopt, "coupon-1", "view", kNow, 6}},
                                                    {"s:1-1", {std::nullopt, "gone", "view", kNow, 2}}};
  const auto first = db().interactions().fold_delivered(delivered, kNow);
  EXPECT_EQ(first.folded, 6U);
  EXPECT_EQ(first.dropped, 2U);
  const auto again = db().interactions().fold_delivered(delivered, kNow);
  EXPECT_EQ(again.folded + again.dropped, 0U) << "handed over again after a commit";
  EXPECT_EQ(views("coupon-1"), 6);
}

TEST_P(InteractionStorage, FoldDeliveredCountsAnEventIdOnceAcrossDeliveriesAndTheQueue) {
  ASSERT_EQ(enqueue({{"e-1", "coupon-1", "view", kNow}}), 1U);
  const auto folded = db().interactions().fold_delivered({{"s:1-0", {"e-1", "coupon-1", "view", kNow}},
                                                          {"s:2-0", {"e-2", "coupon-1", "view", kNow}},
                                                          {"s:3-0", {"e-2", "coupon-1", "view", kNow}}},
                                                         kNow);
  EXPECT_EQ(folded.folded, 1U) << "e-1 was queued already, e-2 came twice";
  EXPECT_EQ(enqueue({{"e-2", "coupon-1", "view", kNow}}), 0U) << "an id counted from a delivery is remembered";
  EXPECT_EQ(views("coupon-1"), 1);
}

TEST_P(InteractionStorage, FoldDeliveredCountsOnTheHotelsLocalDayAndDropsUnknownCoupons) {
  const auto folded =
      db().interactions().fold_delivered({{"s:1-0", {std::nullopt, "coupon-1", "view", at("2026-06-01T23:30:00Z")}},
                                          {"s:1-1", {std::nullopt, "coupon-3", "share", at("2026-06-02T02:00:00Z")}},
                                          {"s:1-2", {std::nullopt, "gone", "view", kNow}},
                                          {"s:1-3", {std::nullopt, "coupon-1", "wink", kNow}}},
                                         kNow);
  EXPECT_EQ(folded.folded, 2U);
  EXPECT_EQ(folded.dropped, 2U) << "the unknown coupon and the unknown action";
  EXPECT_EQ(folded.changed_hotel_owners, (std::vector<std::string>{"owner-1", "owner-2"}));
  EXPECT_EQ(query_int("SELECT views FROM coupon_daily WHERE coupon_id = 'coupon-1' AND day = '2026-06-02'"), 1);
  EXPECT_EQ(query_int("SELECT shares FROM coupon_daily WHERE coupon_id = 'coupon-3' AND day = '2026-06-01'"), 1);
}

TEST_P(InteractionStorage, FoldDeliveredOfNothingChangesNothing) {
  const auto folded = db().interactions().fold_delivered({}, kNow);
  EXPECT_EQ(folded.folded + folded.dropped, 0U);
  EXPECT_TRUE(folded.changed_hotel_owners.empty());
}

TEST_P(InteractionStorage, FoldDeliveredForgetsIdsOlderThanADay) {
  db().interactions().fold_delivered({{"s:1-0", {"e-1", "coupon-1", "view", kNow}}}, kNow);
  db().interactions().fold_delivered({{"s:2-0", {std::nullopt, "coupon-1", "view", kNow}}},
                                     kNow + std::chrono::hours(25));
  EXPECT_EQ(enqueue({{"e-1", "coupon-1", "view", kNow}}), 1U);
}

TEST_P(InteractionStorage, ConcurrentFoldsOfTheSameDeliveriesCountEachExactlyOnce) {
  // Folders handed the same entries in different orders (a consumer presumed dead and the one that claimed its
  // entries), some sharing an event id: each event counts once, and no folder deadlocks with another.
  constexpr int kEvents = 200;
  std::vector<DeliveredInteraction> delivered;
  for (int i = 0; i < kEvents; ++i) {
    delivered.push_back({"s:" + std::to_string(i) + "-0",
                         {"e-" + std::to_string(i / 2), i % 3 ? "coupon-1" : "coupon-3", "view", kNow}});
  }
  std::atomic<std::size_t> folded{0};
  std::vector<std::thread> folders;
  for (unsigned t = 0; t < 4; ++t) {
    folders.emplace_back([&, t] {
      auto mine = delivered;
      std::shuffle(mine.begin(), mine.end(), std::mt19937(t));
      folded += db().interactions().fold_delivered(mine, kNow).folded;
    });
  }
  for (auto& thread : folders) thread.join();
  EXPECT_EQ(folded.load(), std::size_t{kEvents / 2});
  EXPECT_EQ(views("coupon-1") + views("coupon-3"), kEvents / 2);
}

TEST_P(InteractionStorage, ReadsTheCountersPerDayPerCouponDayAndPerCoupon) {
  enqueue({{std::nullopt, "coupon-1", "view", at("2026-06-01T10:00:00Z")},
           {std::nullopt, "coupon-1", "view", at("2026-06-02T10:00:00Z")},
           {std::nullopt, "coupon-2", "click", at("2026-06-01T10:00:00Z")},
           {std::nullopt, "coupon-2", "claim", at("2026-06-03T10:00:00Z")},
           {std::nullopt, "coupon-3", "view", at("2026-06-01T16:00:00Z")}});
  db().interactions().fold(100, kNow);
  auto& repo = db().interactions();

  const auto days = repo.daily("hotel-1", day("2026-06-01"), day("2026-06-02"));
  ASSERT_EQ(days.size(), 2U);
  EXPECT_EQ(days[0].day, day("2026-06-01"));
  EXPECT_EQ(days[0].counts.views, 1);
  EXPECT_EQ(days[0].counts.clicks, 1);
  EXPECT_EQ(days[1].day, day("2026-06-02"));
  EXPECT_EQ(days[1].counts.views, 1);

  const auto pairs = repo.per_coupon_day("hotel-1", day("2026-06-01"), day("2026-06-03"));
  ASSERT_EQ(pairs.size(), 4U);
  EXPECT_EQ(pairs[0].coupon_id, "coupon-2");
  EXPECT_EQ(pairs[0].day, day("2026-06-01"));
  EXPECT_EQ(pairs[1].coupon_id, "coupon-2");
  EXPECT_EQ(pairs[1].day, day("2026-06-03"));
  EXPECT_EQ(pairs[1].counts.claims, 1);
  EXPECT_EQ(pairs[2].coupon_id, "coupon-1");
  EXPECT_EQ(pairs[3].day, day("2026-06-02"));

  const auto coupons = repo.per_coupon("hotel-1", day("2026-06-02"), day("2026-06-02"));
  ASSERT_EQ(coupons.size(), 2U) << "a coupon without activity is listed with zeros";
  EXPECT_EQ(coupons[0].coupon_id, "coupon-2");
  EXPECT_EQ(coupons[0].title, "Spa");
  EXPECT_EQ(coupons[0].counts.clicks + coupons[0].counts.claims, 0);
  EXPECT_EQ(coupons[1].coupon_id, "coupon-1");
  EXPECT_EQ(coupons[1].counts.views, 1);

  EXPECT_TRUE(repo.daily("hotel-1", day("2026-07-01"), day("2026-07-31")).empty());
  EXPECT_TRUE(repo.per_coupon_day("hotel-3", day("2026-06-01"), day("2026-06-30")).empty());
  EXPECT_TRUE(repo.per_coupon("hotel-3", day("2026-06-01"), day("2026-06-30")).empty());
}

HC_STORAGE_CONTRACT(InteractionStorage);

}  // namespace
}  // namespace hc::test
