// The subscriptions repository's promises on both engines: following by hand (keeping the first date),
// remembered unfollows, the point from which a follower hears a hotel's events, and the keyset pages of
// following().
#include <gtest/gtest.h>

#include "storage_contract.hpp"

namespace hc::test {
namespace {

using namespace std::chrono_literals;

const SysSeconds kNow = *parse_rfc3339("2026-03-01T12:00:00Z");

class SubscriptionStorage : public StorageContract {
 protected:
  void SetUp() override {
    StorageContract::SetUp();
    add_traveller("traveller-1");
    add_hotelier("owner-1", "hotel-1");
  }

  void add_event(std::string_view id) {
    exec("INSERT INTO outbox (id, kind, payload, created_at) VALUES (" + quote(id) +
         ", 'coupon.created', '{}', '2026-03-01T00:00:00Z')");
  }

  std::int64_t after_event(std::string_view user_id, std::string_view hotel_id) {
    return query_int("SELECT after_event FROM subscriptions WHERE user_id = " + quote(user_id) +
                     " AND hotel_id = " + quote(hotel_id));
  }

  std::string state(std::string_view user_id, std::string_view hotel_id) {
    const std::string where =
        " FROM subscriptions WHERE user_id = " + quote(user_id) + " AND hotel_id = " + quote(hotel_id);
    if (query_int("SELECT count(*)" + where) == 0) return "none";
    return query_int("SELECT count(*)" + where + " AND state = 'following'") == 1 ? "following" : "unfollowed";
  }

  std::vector<std::string> hotel_ids(const std::vector<subscriptions::Subscription>& page) {
    std::vector<std::string> ids;
    for (const auto& subscription : page) ids.push_back(subscription.hotel.id);
    return ids;
  }
};

TEST_P(SubscriptionStorage, FollowsAHotelByHand) {
  const auto followed = db().subscriptions().follow("traveller-1", "hotel-1", kNow);
  ASSERT_TRUE(followed);
  EXPECT_EQ(followed->hotel.id, "hotel-1");
  EXPECT_EQ(followed->hotel.name, "Hotel hotel-1");
  EXPECT_EQ(followed->hotel.city, "Dublin");
  EXPECT_EQ(followed->hotel.timezone, "Europe/Dublin");
  EXPECT_EQ(followed->since, kNow);
  EXPECT_EQ(followed->source, "manual");
  EXPECT_EQ(hotel_ids(db().subscriptions().following("traveller-1", std::nullopt, 10)),
            std::vector<std::string>{"hotel-1"});
}

TEST_P(SubscriptionStorage, FollowsNoHotelThatDoesNotExist) {
  EXPECT_FALSE(db().subscriptions().follow("traveller-1", "nowhere", kNow));
  EXPECT_FALSE(db().subscriptions().unfollow("traveller-1", "nowhere", kNow));
  EXPECT_EQ(query_int("SELECT count(*) FROM subscriptions"), 0);
}

TEST_P(SubscriptionStorage, FollowingAgainKeepsTheFirstDate) {
  ASSERT_TRUE(db().subscriptions().follow("traveller-1", "hotel-1", kNow));
  const auto again = db().subscriptions().follow("traveller-1", "hotel-1", kNow + 48h);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->since, kNow);
  EXPECT_EQ(db().subscriptions().following("traveller-1", std::nullopt, 10).size(), 1U);
}

TEST_P(SubscriptionStorage, FollowingByHandTurnsAFollowFromAClaimIntoAManualOne) {
  exec(
      "INSERT INTO subscriptions (user_id, hotel_id, state, source, since) "
      "VALUES ('traveller-1', 'hotel-1', 'following', 'redeem', '2026-02-01T00:00:00Z')");
  const auto followed = db().subscriptions().follow("traveller-1", "hotel-1", kNow);
  ASSERT_TRUE(followed);
  EXPECT_EQ(followed->source, "manual");
  EXPECT_EQ(followed->since, *parse_rfc3339("2026-02-01T00:00:00Z"));
}

TEST_P(SubscriptionStorage, AnUnfollowIsRememberedAndLeavesTheList) {
  ASSERT_TRUE(db().subscriptions().follow("traveller-1", "hotel-1", kNow));
  EXPECT_TRUE(db().subscriptions().unfollow("traveller-1", "hotel-1", kNow + 1h));
  EXPECT_TRUE(db().subscriptions().following("traveller-1", std::nullopt, 10).empty());
  EXPECT_EQ(state("traveller-1", "hotel-1"), "unfollowed");
}

TEST_P(SubscriptionStorage, AnUnfollowOfAHotelNeverFollowedIsRememberedToo) {
  EXPECT_TRUE(db().subscriptions().unfollow("traveller-1", "hotel-1", kNow));
  EXPECT_EQ(state("traveller-1", "hotel-1"), "unfollowed");
  EXPECT_TRUE(db().subscriptions().following("traveller-1", std::nullopt, 10).empty());
}

TEST_P(SubscriptionStorage, FollowingAfterAnUnfollowStartsAnew) {
  ASSERT_TRUE(db().subscriptions().follow("traveller-1", "hotel-1", kNow));
  ASSERT_TRUE(db().subscriptions().unfollow("traveller-1", "hotel-1", kNow + 1h));
  const auto again = db().subscriptions().follow("traveller-1", "hotel-1", kNow + 2h);
  ASSERT_TRUE(again);
  EXPECT_EQ(again->since, kNow + 2h);
  EXPECT_EQ(state("traveller-1", "hotel-1"), "following");
}

TEST_P(SubscriptionStorage, AFollowerHearsOnlyTheEventsAfterTheFollow) {
  add_event("event-1");
  add_event("event-2");
  ASSERT_TRUE(db().subscriptions().follow("traveller-1", "hotel-1", kNow));
  const std::int64_t newest = query_int("SELECT max(seq) FROM outbox");
  EXPECT_EQ(after_event("traveller-1", "hotel-1"), newest);

  add_event("event-3");
  ASSERT_TRUE(db().subscriptions().follow("traveller-1", "hotel-1", kNow + 1h));
  EXPECT_EQ(after_event("traveller-1", "hotel-1"), newest) << "following again changes nothing";

  ASSERT_TRUE(db().subscriptions().unfollow("traveller-1", "hotel-1", kNow + 2h));
  ASSERT_TRUE(db().subscriptions().follow("traveller-1", "hotel-1", kNow + 3h));
  EXPECT_EQ(after_event("traveller-1", "hotel-1"), query_int("SELECT max(seq) FROM outbox"))
      << "a new follow starts from the newest event";
}

TEST_P(SubscriptionStorage, AFollowBeforeAnyEventHearsThemAll) {
  ASSERT_TRUE(db().subscriptions().follow("traveller-1", "hotel-1", kNow));
  EXPECT_EQ(after_event("traveller-1", "hotel-1"), 0);
}

TEST_P(SubscriptionStorage, ListsFollowedHotelsNewestFirstInKeysetPages) {
  for (const char* hotel : {"hotel-2", "hotel-3", "hotel-4", "hotel-5"}) {
    add_hotelier(std::string("owner-") + hotel, hotel);
  }
  // hotel-2 and hotel-3 share a date, so the hotel id breaks the tie (descending).
  ASSERT_TRUE(db().subscriptions().follow("traveller-1", "hotel-1", kNow));
  ASSERT_TRUE(db().subscriptions().follow("traveller-1", "hotel-2", kNow + 1h));
  ASSERT_TRUE(db().subscriptions().follow("traveller-1", "hotel-3", kNow + 1h));
  ASSERT_TRUE(db().subscriptions().follow("traveller-1", "hotel-4", kNow + 2h));
  ASSERT_TRUE(db().subscriptions().unfollow("traveller-1", "hotel-5", kNow + 3h));

  const auto first = db().subscriptions().following("traveller-1", std::nullopt, 2);
  EXPECT_EQ(hotel_ids(first), (std::vector<std::string>{"hotel-4", "hotel-3"}));
  const auto second = db().subscriptions().following("traveller-1", first.back(), 2);
  EXPECT_EQ(hotel_ids(second), (std::vector<std::string>{"hotel-2", "hotel-1"}));
  EXPECT_EQ(second.front().since, kNow + 1h);
  EXPECT_TRUE(db().subscriptions().following("traveller-1", second.back(), 2).empty());
}

TEST_P(SubscriptionStorage, ListsOnlyTheTravellersOwnHotels) {
  add_traveller("traveller-2");
  ASSERT_TRUE(db().subscriptions().follow("traveller-2", "hotel-1", kNow));
  EXPECT_TRUE(db().subscriptions().following("traveller-1", std::nullopt, 10).empty());
  EXPECT_EQ(db().subscriptions().following("traveller-2", std::nullopt, 10).size(), 1U);
}

HC_STORAGE_CONTRACT(SubscriptionStorage);

}  // namespace
}  // namespace hc::test
