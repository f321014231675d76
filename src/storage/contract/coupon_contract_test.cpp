// The coupons repository as the coupons module sees it, on both engines: storing and reading coupons with their
// hotel, edits in one transaction (with their events, and one after the other when concurrent), image keys, and a
// hotel's lists with their figures. Search has its own suite (coupon_search_contract_test.cpp).
#include <gtest/gtest.h>

#include <algorithm>
#include <thread>

#include "storage/contract/coupon_samples.hpp"
#include "storage_contract.hpp"

namespace hc::test {
namespace {

using coupons::Coupon;
using coupons::CouponStatus;
using notifications::OutboxEvent;

const coupons::HotelRef kHotel{"hotel-1", "Hotel hotel-1", "Dublin", "Europe/Dublin"};

class CouponStorage : public StorageContract {
 protected:
  void SetUp() override {
    StorageContract::SetUp();
    add_hotelier("owner-1", kHotel.id);
  }

  Coupon store(std::string id, std::string title = "Winter escape") {
    Coupon c = sample_coupon(std::move(id), kHotel, std::move(title), "Two nights by the sea");
    db().coupons().insert(c, {});
    return c;
  }

  std::int64_t outbox_count() { return query_int("SELECT count(*) FROM outbox"); }

  // A redemption of `coupon_id` by a new traveller, in `status`.
  void add_redemption(std::string_view id, std::string_view coupon_id, std::string_view status) {
    add_traveller(std::string("user-") + std::string(id));
    exec("INSERT INTO redemptions (id, coupon_id, hotel_id, user_id, code, status, redeemed_at) VALUES (" +
         quote(id) + ", " + quote(coupon_id) + ", 'hotel-1', " + quote(std::string("user-") + std::string(id)) +
         ", " + quote(std::string("code-") + std::string(id)) + ", " + quote(status) + ", '2026-02-01T00:00:00Z')");
  }
};

// A coupon row of the hotel (or another), with the given status and end.
CouponRow row(std::string id, std::string status = "active", std::string valid_until = "2030-12-31T23:59:59Z",
              std::string hotel_id = kHotel.id) {
  CouponRow r;
  r.id = std::move(id);
  r.hotel_id = std::move(hotel_id);
  r.status = std::move(status);
  r.valid_until = std::move(valid_until);
  return r;
}

TEST_P(CouponStorage, HotelOfOwnerFindsTheHotelAHotelierOwnsAndNoneForOthers) {
  add_traveller("traveller-1");
  const auto hotel = db().coupons().hotel_of_owner("owner-1");
  ASSERT_TRUE(hotel);
  EXPECT_EQ(hotel->id, kHotel.id);
  EXPECT_EQ(hotel->name, kHotel.name);
  EXPECT_EQ(hotel->city, "Dublin");
  EXPECT_EQ(hotel->timezone, "Europe/Dublin");
  EXPECT_FALSE(db().coupons().hotel_of_owner("traveller-1"));
  EXPECT_FALSE(db().coupons().hotel_of_owner("nobody"));
}

TEST_P(CouponStorage, InsertStoresEveryFieldAndFindReadsThemBackWithTheHotel) {
  Coupon c = sample_coupon("coupon-1", kHotel, "Ünïcode – 50% «off»", "Line one\nline two");
  c.quantity = 7;
  c.per_user_limit = 2;
  c.stay_from = parse_iso_date("2026-03-01");
  c.stay_until = parse_iso_date("2026-03-31");
  c.image_key = "coupons/abc.png";
  c.status = CouponStatus::draft;
  db().coupons().insert(c, {{"event-1", "coupon.created", R"({"a":1})"}});

  const auto found = db().coupons().find("coupon-1");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->title, c.title);
  EXPECT_EQ(found->description, c.description);
  EXPECT_EQ(found->terms, c.terms);
  EXPECT_EQ(found->hotel.name, kHotel.name);
  EXPECT_EQ(found->hotel.timezone, kHotel.timezone);
  EXPECT_EQ(found->quantity, 7);
  EXPECT_EQ(found->redeemed_count, 0);
  EXPECT_EQ(found->per_user_limit, 2);
  EXPECT_EQ(found->valid_from, c.valid_from);
  EXPECT_EQ(found->valid_until, c.valid_until);
  EXPECT_EQ(found->valid_until_date, c.valid_until_date);
  EXPECT_EQ(found->stay_from, c.stay_from);
  EXPECT_EQ(found->stay_until, c.stay_until);
  EXPECT_EQ(found->status, CouponStatus::draft);
  EXPECT_EQ(found->image_key, "coupons/abc.png");
  EXPECT_EQ(found->created_at, c.created_at);
  EXPECT_EQ(outbox_count(), 1);
}

TEST_P(CouponStorage, AnUnlimitedCouponWithoutStayDatesReadsBackWithoutThem) {
  store("coupon-1");
  const auto found = db().coupons().find("coupon-1");
  ASSERT_TRUE(found);
  EXPECT_FALSE(found->quantity);
  EXPECT_FALSE(found->stay_from);
  EXPECT_FALSE(found->stay_until);
}

TEST_P(CouponStorage, FindReturnsNothingForAnUnknownId) { EXPECT_FALSE(db().coupons().find("missing")); }

TEST_P(CouponStorage, AnInsertWhoseEventFailsLeavesNeitherCouponNorEvents) {
  const Coupon c = sample_coupon("coupon-1", kHotel, "Winter escape");
  const OutboxEvent event{"event-1", "coupon.created", "{}"};
  EXPECT_ANY_THROW(db().coupons().insert(c, {event, event}));
  EXPECT_EQ(outbox_count(), 0);
  EXPECT_FALSE(db().coupons().find("coupon-1"));
}

TEST_P(CouponStorage, InsertingAnIdTwiceFailsAndKeepsTheFirst) {
  store("coupon-1");
  EXPECT_ANY_THROW(db().coupons().insert(sample_coupon("coupon-1", kHotel, "Duplicate"), {}));
  EXPECT_EQ(db().coupons().find("coupon-1")->title, "Winter escape");
}

TEST_P(CouponStorage, ModifySavesTheEditAndItsEventsAndReturnsTheEditedCoupon) {
  store("coupon-1");
  const auto edited = db().coupons().modify("coupon-1", [](Coupon& c) -> Result<std::vector<OutboxEvent>, Error> {
    c.title = "Summer escape";
    c.description = "Three nights";
    c.discount_percent = 35;
    c.quantity = 10;
    c.status = CouponStatus::paused;
    c.stay_from = parse_iso_date("2026-07-01");
    c.updated_at = at("2026-05-01T10:00:00Z");
    return std::vector<OutboxEvent>{{"event-1", "coupon.created", "{}"}};
  });
  ASSERT_TRUE(edited);
  EXPECT_EQ(edited->title, "Summer escape");
  const auto found = db().coupons().find("coupon-1");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->title, "Summer escape");
  EXPECT_EQ(found->description, "Three nights");
  EXPECT_EQ(found->discount_percent, 35);
  EXPECT_EQ(found->quantity, 10);
  EXPECT_EQ(found->status, CouponStatus::paused);
  EXPECT_EQ(found->stay_from, parse_iso_date("2026-07-01"));
  EXPECT_EQ(found->updated_at, at("2026-05-01T10:00:00Z"));
  EXPECT_EQ(outbox_count(), 1);
}

TEST_P(CouponStorage, ModifyOfAnUnknownCouponIsNotFoundAndNeverCallsTheChange) {
  bool called = false;
  const auto result = db().coupons().modify("missing", [&](Coupon&) -> Result<std::vector<OutboxEvent>, Error> {
    called = true;
    return std::vector<OutboxEvent>{};
  });
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, Errc::not_found);
  EXPECT_FALSE(called);
}

TEST_P(CouponStorage, AChangeThatFailsLeavesTheCouponAsItWas) {
  store("coupon-1");
  const auto result = db().coupons().modify("coupon-1", [](Coupon& c) -> Result<std::vector<OutboxEvent>, Error> {
    c.title = "Half done";
    return Failure{make_error(Errc::invalid_transition)};
  });
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, Errc::invalid_transition);
  EXPECT_EQ(db().coupons().find("coupon-1")->title, "Winter escape");
  EXPECT_EQ(outbox_count(), 0);
}

TEST_P(CouponStorage, ModifyRefusesAQuantityBelowWhatWasClaimedAndSavesNothing) {
  add_coupon({.id = "coupon-1", .hotel_id = kHotel.id, .quantity = 10, .redeemed_count = 5});
  const auto result = db().coupons().modify("coupon-1", [](Coupon& c) -> Result<std::vector<OutboxEvent>, Error> {
    c.quantity = 4;
    c.title = "Fewer";
    return std::vector<OutboxEvent>{{"event-1", "coupon.created", "{}"}};
  });
  ASSERT_FALSE(result);
  EXPECT_EQ(result.error().code, Errc::quantity_below_redeemed);
  const auto found = db().coupons().find("coupon-1");
  EXPECT_EQ(found->quantity, 10);
  EXPECT_EQ(found->title, "Winter escape");
  EXPECT_EQ(outbox_count(), 0);
}

TEST_P(CouponStorage, ModifyAcceptsAQuantityEqualToWhatWasClaimed) {
  add_coupon({.id = "coupon-1", .hotel_id = kHotel.id, .quantity = 10, .redeemed_count = 5});
  const auto result = db().coupons().modify("coupon-1", [](Coupon& c) -> Result<std::vector<OutboxEvent>, Error> {
    c.quantity = 5;
    return std::vector<OutboxEvent>{};
  });
  ASSERT_TRUE(result);
  EXPECT_EQ(db().coupons().find("coupon-1")->quantity, 5);
}

TEST_P(CouponStorage, ModifyNeverWritesTheClaimedCount) {
  add_coupon({.id = "coupon-1", .hotel_id = kHotel.id, .quantity = 10, .redeemed_count = 3});
  ASSERT_TRUE(db().coupons().modify("coupon-1", [](Coupon& c) -> Result<std::vector<OutboxEvent>, Error> {
    c.redeemed_count = 0;
    return std::vector<OutboxEvent>{};
  }));
  EXPECT_EQ(query_int("SELECT redeemed_count FROM coupons WHERE id = 'coupon-1'"), 3);
}

TEST_P(CouponStorage, ConcurrentEditsApplyOneAfterTheOtherWithoutLosingAny) {
  add_coupon({.id = "coupon-1", .hotel_id = kHotel.id, .quantity = 1});
  constexpr int kThreads = 6;
  constexpr int kEditsEach = 5;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int k = 0; k < kEditsEach; ++k) {
        const std::string event_id = "event-" + std::to_string(t) + "-" + std::to_string(k);
        // Each edit reads the quantity and adds one: an edit that overwrote another would lose its unit.
        (void)db().coupons().modify("coupon-1", [&](Coupon& c) -> Result<std::vector<OutboxEvent>, Error> {
          c.quantity = *c.quantity + 1;
          return std::vector<OutboxEvent>{{event_id, "coupon.created", "{}"}};
        });
      }
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(db().coupons().find("coupon-1")->quantity, 1 + kThreads * kEditsEach);
  EXPECT_EQ(outbox_count(), kThreads * kEditsEach);
}

TEST_P(CouponStorage, SetImageReturnsThePreviousKeyAndMarksTheCouponChanged) {
  store("coupon-1");
  EXPECT_EQ(db().coupons().set_image("coupon-1", "coupons/first.png", at("2026-02-01T00:00:00Z")), "");
  EXPECT_EQ(db().coupons().set_image("coupon-1", "coupons/second.png", at("2026-02-02T00:00:00Z")),
            "coupons/first.png");
  const auto found = db().coupons().find("coupon-1");
  EXPECT_EQ(found->image_key, "coupons/second.png");
  EXPECT_EQ(found->updated_at, at("2026-02-02T00:00:00Z"));
}

TEST_P(CouponStorage, SetImageOfAnUnknownCouponReturnsNoKeyAndStoresNothing) {
  EXPECT_EQ(db().coupons().set_image("missing", "coupons/x.png", at("2026-02-01T00:00:00Z")), "");
  EXPECT_EQ(query_int("SELECT count(*) FROM coupons"), 0);
}

TEST_P(CouponStorage, ConcurrentImageReplacementsEachReturnAKeyNoOtherReturned) {
  store("coupon-1");
  constexpr int kThreads = 6;
  std::vector<std::string> previous(kThreads);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      previous[static_cast<std::size_t>(t)] =
          db().coupons().set_image("coupon-1", "key-" + std::to_string(t), at("2026-02-01T00:00:00Z"));
    });
  }
  for (auto& thread : threads) thread.join();
  // The keys form one chain: "" and every key but the last one stored appear exactly once among the answers.
  std::vector<std::string> expected{""};
  for (int t = 0; t < kThreads; ++t) expected.push_back("key-" + std::to_string(t));
  std::erase(expected, db().coupons().find("coupon-1")->image_key);
  std::sort(previous.begin(), previous.end());
  std::sort(expected.begin(), expected.end());
  EXPECT_EQ(previous, expected);
}

TEST_P(CouponStorage, ListForHotelIsNewestFirstAndPagesAfterTheCursor) {
  for (const char* id : {"c-1", "c-2", "c-3", "c-4", "c-5"}) store(id);
  const auto now = at("2026-06-01T00:00:00Z");
  const auto id_of = [](const coupons::CouponWithStats& s) { return s.coupon.id; };
  const auto first = db().coupons().list_for_hotel(kHotel.id, std::nullopt, now, std::nullopt, 2);
  EXPECT_EQ(ids_of(first, id_of), (std::vector<std::string>{"c-5", "c-4"}));
  const auto second = db().coupons().list_for_hotel(kHotel.id, std::nullopt, now, std::string("c-4"), 2);
  EXPECT_EQ(ids_of(second, id_of), (std::vector<std::string>{"c-3", "c-2"}));
  const auto last = db().coupons().list_for_hotel(kHotel.id, std::nullopt, now, std::string("c-2"), 2);
  EXPECT_EQ(ids_of(last, id_of), (std::vector<std::string>{"c-1"}));
  EXPECT_TRUE(db().coupons().list_for_hotel(kHotel.id, std::nullopt, now, std::string("c-1"), 2).empty());
}

TEST_P(CouponStorage, ListForHotelFiltersByTheStatusAClientSeesWithExpiryDerived) {
  add_coupon(row("c-active", "active"));
  add_coupon(row("c-paused", "paused"));
  add_coupon(row("c-draft", "draft"));
  add_coupon(row("c-archived", "archived"));
  add_coupon(row("c-expired-active", "active", "2026-03-01T00:00:00Z"));
  add_coupon(row("c-expired-paused", "paused", "2026-03-01T00:00:00Z"));
  add_coupon(row("c-expired-draft", "draft", "2026-03-01T00:00:00Z"));
  const auto now = at("2026-06-01T00:00:00Z");
  const auto list = [&](std::string status) {
    return ids_of(db().coupons().list_for_hotel(kHotel.id, status, now, std::nullopt, 20),
                  [](const coupons::CouponWithStats& s) { return s.coupon.id; });
  };
  EXPECT_EQ(list("active"), (std::vector<std::string>{"c-active"}));
  EXPECT_EQ(list("paused"), (std::vector<std::string>{"c-paused"}));
  EXPECT_EQ(list("expired"), (std::vector<std::string>{"c-expired-paused", "c-expired-active"}));
  EXPECT_EQ(list("draft"), (std::vector<std::string>{"c-expired-draft", "c-draft"}));
  EXPECT_EQ(list("archived"), (std::vector<std::string>{"c-archived"}));
  EXPECT_EQ(db().coupons().list_for_hotel(kHotel.id, std::nullopt, now, std::nullopt, 20).size(), 7U);
}

TEST_P(CouponStorage, ListForHotelCountsClaimsUsesAndViews) {
  store("c-1");
  store("c-2");
  add_redemption("r-1", "c-1", "redeemed");
  add_redemption("r-2", "c-1", "used");
  add_redemption("r-3", "c-1", "cancelled");
  exec("INSERT INTO coupon_daily (coupon_id, day, views) VALUES ('c-1', '2026-02-01', 4), "
       "('c-1', '2026-02-02', 3)");
  const auto list = db().coupons().list_for_hotel(kHotel.id, std::nullopt, at("2026-06-01T00:00:00Z"),
                                                  std::nullopt, 20);
  ASSERT_EQ(list.size(), 2U);
  EXPECT_EQ(list[1].coupon.id, "c-1");
  EXPECT_EQ(list[1].stats.redemptions, 2);
  EXPECT_EQ(list[1].stats.uses, 1);
  EXPECT_EQ(list[1].stats.views, 7);
  EXPECT_EQ(list[0].stats.redemptions, 0);
  EXPECT_EQ(list[0].stats.uses, 0);
  EXPECT_EQ(list[0].stats.views, 0);
}

TEST_P(CouponStorage, AllForHotelListsEveryStatusNewestFirstAndOnlyThatHotel) {
  add_hotelier("owner-2", "hotel-2");
  add_coupon(row("c-1", "archived"));
  add_coupon(row("c-2", "draft"));
  add_coupon(row("c-3", "active", "2030-12-31T23:59:59Z", "hotel-2"));
  EXPECT_EQ(ids_of(db().coupons().all_for_hotel(kHotel.id)), (std::vector<std::string>{"c-2", "c-1"}));
  EXPECT_TRUE(db().coupons().all_for_hotel("hotel-none").empty());
}

TEST_P(CouponStorage, FindActiveKeepsTheGivenOrderAndDropsWhatIsNoLongerOnOffer) {
  add_coupon(row("c-1", "active"));
  add_coupon(row("c-2", "paused"));
  add_coupon(row("c-3", "active", "2026-03-01T00:00:00Z"));
  add_coupon(row("c-4", "active"));
  const auto found =
      db().coupons().find_active({"c-4", "c-2", "missing", "c-3", "c-1"}, at("2026-06-01T00:00:00Z"));
  EXPECT_EQ(ids_of(found), (std::vector<std::string>{"c-4", "c-1"}));
  EXPECT_TRUE(db().coupons().find_active({}, at("2026-06-01T00:00:00Z")).empty());
  // Ids come back from clients' cursors: whatever they hold is an id, never syntax.
  const auto odd = db().coupons().find_active({"quo\"te", "back\\slash", "com,ma", "{br}", "NULL", "c-1"},
                                              at("2026-06-01T00:00:00Z"));
  EXPECT_EQ(ids_of(odd), (std::vector<std::string>{"c-1"}));
}

HC_STORAGE_CONTRACT(CouponStorage);

}  // namespace
}  // namespace hc::test
