// The hotels repository's promises on both engines: profiles with their figures, the owner's hotel, saving the
// profile (a rename moves the coupons' search words with it) and replacing the logo.
#include <gtest/gtest.h>

#include <algorithm>
#include <latch>
#include <mutex>
#include <thread>
#include <vector>

#include "storage_contract.hpp"

namespace hc::test {
namespace {

const SysSeconds kNow = *parse_rfc3339("2026-03-01T12:00:00Z");

// An unlimited coupon valid through 2030 unless told otherwise.
CouponRow coupon(std::string id, std::string hotel_id, std::string status = "active",
                 std::string valid_until = "2030-12-31T23:59:59Z") {
  CouponRow row;
  row.id = std::move(id);
  row.hotel_id = std::move(hotel_id);
  row.status = std::move(status);
  row.valid_until = std::move(valid_until);
  return row;
}

class HotelStorage : public StorageContract {
 protected:
  void follow(std::string_view user_id, std::string_view hotel_id, std::string_view state) {
    exec("INSERT INTO subscriptions (user_id, hotel_id, state, source, since) VALUES (" + quote(user_id) + ", " +
         quote(hotel_id) + ", " + quote(state) + ", 'manual', '2026-01-01T00:00:00Z')");
  }

  // How many active coupons the search finds by `word` in one field: SQLite's FTS5 column, or the weight
  // PostgreSQL's document gives that field (title A, hotel name B).
  std::int64_t coupons_matching(std::string_view column, std::string_view weight, std::string_view word) {
    if (engine() == Engine::sqlite) {
      return query_int("SELECT count(*) FROM coupon_search WHERE coupon_search MATCH " +
                       quote(std::string(column) + " : " + std::string(word)));
    }
    const std::string query = "to_tsquery('simple', " + quote(std::string(word) + ":" + std::string(weight)) + ")";
    return query_int("SELECT count(*) FROM coupons WHERE status = 'active' AND search_document @@ " + query);
  }

  std::int64_t coupons_with_hotel_word(std::string_view word) { return coupons_matching("hotel_name", "B", word); }
  std::int64_t coupons_with_title_word(std::string_view word) { return coupons_matching("title", "A", word); }
};

TEST_P(HotelStorage, FindsAProfileWithItsActiveUnexpiredCouponsAndItsFollowers) {
  add_hotelier("owner-1", "hotel-1");
  add_hotelier("owner-2", "hotel-2");
  add_coupon(coupon("live", "hotel-1"));
  add_coupon(coupon("ends-now", "hotel-1", "active", "2026-03-01T12:00:00Z"));
  add_coupon(coupon("ended", "hotel-1", "active", "2026-03-01T11:59:59Z"));
  add_coupon(coupon("paused", "hotel-1", "paused"));
  add_coupon(coupon("draft", "hotel-1", "draft"));
  add_coupon(coupon("elsewhere", "hotel-2"));
  for (const char* user : {"t-1", "t-2", "t-3"}) add_traveller(user);
  follow("t-1", "hotel-1", "following");
  follow("t-2", "hotel-1", "following");
  follow("t-3", "hotel-1", "unfollowed");
  follow("t-3", "hotel-2", "following");

  const auto profile = db().hotels().find_profile("hotel-1", kNow);
  ASSERT_TRUE(profile);
  EXPECT_EQ(profile->hotel.id, "hotel-1");
  EXPECT_EQ(profile->hotel.owner_id, "owner-1");
  EXPECT_EQ(profile->hotel.name, "Hotel hotel-1");
  EXPECT_EQ(profile->hotel.city, "Dublin");
  EXPECT_EQ(profile->hotel.timezone, "Europe/Dublin");
  EXPECT_EQ(profile->hotel.created_at, *parse_rfc3339("2026-01-01T00:00:00Z"));
  EXPECT_EQ(profile->active_coupons, 2) << "active and not yet past valid_until";
  EXPECT_EQ(profile->followers, 2) << "an unfollow does not count";
}

TEST_P(HotelStorage, FindsAProfileOfAHotelWithNothingYet) {
  add_hotelier("owner-1", "hotel-1");
  const auto profile = db().hotels().find_profile("hotel-1", kNow);
  ASSERT_TRUE(profile);
  EXPECT_EQ(profile->active_coupons, 0);
  EXPECT_EQ(profile->followers, 0);
  EXPECT_EQ(profile->hotel.logo_key, "");
  EXPECT_EQ(profile->hotel.description, "");
}

TEST_P(HotelStorage, FindsNoProfileOfAnUnknownHotel) { EXPECT_FALSE(db().hotels().find_profile("nowhere", kNow)); }

TEST_P(HotelStorage, FindsTheHotelItsOwnerOwnsAndNoneForOthers) {
  add_hotelier("owner-1", "hotel-1");
  add_hotelier("owner-2", "hotel-2");
  add_traveller("traveller-1");
  const auto found = db().hotels().find_by_owner("owner-2");
  ASSERT_TRUE(found);
  EXPECT_EQ(found->id, "hotel-2");
  EXPECT_EQ(found->owner_id, "owner-2");
  EXPECT_FALSE(db().hotels().find_by_owner("traveller-1"));
  EXPECT_FALSE(db().hotels().find_by_owner("nobody"));
}

TEST_P(HotelStorage, SavesTheProfileFieldsAndLeavesTheRestAlone) {
  add_hotelier("owner-1", "hotel-1");
  add_hotelier("owner-2", "hotel-2");
  ASSERT_EQ(db().hotels().set_logo("hotel-1", "logos/1.png"), "");
  hotels::Hotel changed = *db().hotels().find_by_owner("owner-1");
  changed.name = "Ξενοδοχείο Αθήνα";
  changed.city = "Αθήνα";
  changed.country = "GR";
  changed.timezone = "Europe/Athens";
  changed.description = "Near the Acropolis";
  changed.owner_id = "owner-2";         // not a profile field
  changed.logo_key = "something-else";  // not a profile field either
  db().hotels().update(changed);

  const auto saved = db().hotels().find_by_owner("owner-1");
  ASSERT_TRUE(saved);
  EXPECT_EQ(saved->name, "Ξενοδοχείο Αθήνα");
  EXPECT_EQ(saved->city, "Αθήνα");
  EXPECT_EQ(saved->country, "GR");
  EXPECT_EQ(saved->timezone, "Europe/Athens");
  EXPECT_EQ(saved->description, "Near the Acropolis");
  EXPECT_EQ(saved->logo_key, "logos/1.png");
  EXPECT_EQ(db().hotels().find_by_owner("owner-2")->name, "Hotel hotel-2");
}

TEST_P(HotelStorage, RenamingAHotelMovesItsCouponsSearchWordsToTheNewName) {
  add_hotelier("owner-1", "hotel-1");
  add_hotelier("owner-2", "hotel-2");
  add_coupon(coupon("coupon-1", "hotel-1"));
  CouponRow spring = coupon("coupon-2", "hotel-1");
  spring.title = "Spring break";
  add_coupon(spring);
  add_coupon(coupon("coupon-3", "hotel-2"));
  ASSERT_EQ(coupons_with_hotel_word("hotel"), 3);

  hotels::Hotel renamed = *db().hotels().find_by_owner("owner-1");
  renamed.name = "Marina RÉSIDENCE";
  db().hotels().update(renamed);

  EXPECT_EQ(coupons_with_hotel_word("marina"), 2);
  EXPECT_EQ(coupons_with_hotel_word("residence"), 2) << "found without case or accents";
  EXPECT_EQ(coupons_with_hotel_word("hotel"), 1) << "only the other hotel's coupon keeps the old word";
  EXPECT_EQ(coupons_with_title_word("winter"), 2) << "the titles' words stay";
  EXPECT_EQ(coupons_with_title_word("spring"), 1);
}

TEST_P(HotelStorage, ReplacingTheLogoReturnsTheKeyItReplaced) {
  add_hotelier("owner-1", "hotel-1");
  EXPECT_EQ(db().hotels().set_logo("hotel-1", "logos/a.png"), "");
  EXPECT_EQ(db().hotels().set_logo("hotel-1", "logos/b.png"), "logos/a.png");
  EXPECT_EQ(db().hotels().find_by_owner("owner-1")->logo_key, "logos/b.png");
  EXPECT_EQ(db().hotels().set_logo("nowhere", "logos/c.png"), "");
}

TEST_P(HotelStorage, ConcurrentLogoReplacementsEachReturnADifferentKey) {
  add_hotelier("owner-1", "hotel-1");
  constexpr int kThreads = 4;
  std::latch start(kThreads);
  std::mutex mutex;
  std::vector<std::string> replaced;
  std::vector<std::jthread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      std::string previous = db().hotels().set_logo("hotel-1", "logos/" + std::to_string(i));
      const std::scoped_lock lock(mutex);
      replaced.push_back(std::move(previous));
    });
  }
  threads.clear();
  // Every key but the last is replaced exactly once, so none is left orphaned in the object store.
  replaced.push_back(db().hotels().find_by_owner("owner-1")->logo_key);
  std::ranges::sort(replaced);
  EXPECT_EQ(replaced, (std::vector<std::string>{"", "logos/0", "logos/1", "logos/2", "logos/3"}));
}

HC_STORAGE_CONTRACT(HotelStorage);

}  // namespace
}  // namespace hc::test
