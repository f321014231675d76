// Following hotels from outside: a claim follows the hotel, an explicit unfollow outlives later claims, a
// manual follow is idempotent, and the hotel's follower count agrees with all of it.
#include "redemption_fixture.hpp"

#include <set>
#include <string>
#include <vector>

namespace hc::test {
namespace {

using http_verb = boost::beast::http::verb;

class Follow : public RedemptionApiTest {
 protected:
  void SetUp() override {
    hotel = owner("owner@harbour.example", "Hana Owner", {"Harbour Hotel", "Galway", "Ireland", "Europe/Dublin", "x"});
    other = owner("owner@rival.example", "Rita Rival", {"Rival Inn", "Cork", "Ireland", "Europe/Dublin", "x"});
    ada = guest("ada@example.com", "Ada Lovelace");
    bob = guest("bob@example.com", "Bob Builder");
  }

  Hotelier hotel;
  Hotelier other;
  Traveller ada;
  Traveller bob;
};

TEST_F(Follow, AClaimFollowsTheHotel) {
  const auto none = subscriptions(ada.token);
  ASSERT_EQ(none.status, 200u) << none.body;
  EXPECT_TRUE(none.json().at("items").as_array().empty()) << none.body;
  EXPECT_EQ(followers(ada.token, hotel.hotel_id), 0);

  redeem_ok(ada.token, create_active(hotel.token, "Claim to follow", 10));
  const auto list = subscriptions(ada.token);
  ASSERT_EQ(list.status, 200u) << list.body;
  const auto body = list.json();
  const auto& items = body.at("items").as_array();
  ASSERT_EQ(items.size(), 1u) << list.body;
  EXPECT_EQ(json_text(items[0], "/hotel/id"), hotel.hotel_id);
  EXPECT_EQ(json_text(items[0], "/hotel/name"), "Harbour Hotel");
  EXPECT_EQ(json_text(items[0], "/hotel/city"), "Galway");
  EXPECT_EQ(json_text(items[0], "/source"), "redeem");
  EXPECT_NO_THROW(static_cast<void>(parse_utc(json_text(items[0], "/since")))) << list.body;
  EXPECT_EQ(followers(bob.token, hotel.hotel_id), 1);
  EXPECT_EQ(followers(bob.token, other.hotel_id), 0);

  // More claims at the same hotel change nothing; another traveller's claim adds a follower.
  redeem_ok(ada.token, create_active(hotel.token, "Second deal", 10));
  EXPECT_EQ(subscriptions(ada.token).json().at("items").as_array().size(), 1u);
  EXPECT_EQ(followers(ada.token, hotel.hotel_id), 1);
  redeem_ok(bob.token, create_active(hotel.token, "Third deal", 10));
  EXPECT_EQ(followers(ada.token, hotel.hotel_id), 2);
  EXPECT_EQ(following(bob.token, hotel.hotel_id), std::optional<std::string>("redeem"));
  EXPECT_EQ(following(bob.token, other.hotel_id), std::nullopt);
}

TEST_F(Follow, AnUnfollowOutlivesLaterClaims) {
  redeem_ok(ada.token, create_active(hotel.token, "First deal", 10));
  ASSERT_EQ(following(ada.token, hotel.hotel_id), std::optional<std::string>("redeem"));
  ASSERT_EQ(followers(ada.token, hotel.hotel_id), 1);

  const auto gone = unfollow(ada.token, hotel.hotel_id);
  EXPECT_EQ(gone.status, 204u) << gone.body;
  EXPECT_TRUE(gone.body.empty());
  EXPECT_EQ(following(ada.token, hotel.hotel_id), std::nullopt);
  EXPECT_EQ(followers(ada.token, hotel.hotel_id), 0);

  // A new claim at that hotel does not follow it again.
  redeem_ok(ada.token, create_active(hotel.token, "Second deal", 10));
  EXPECT_EQ(following(ada.token, hotel.hotel_id), std::nullopt) << "the claim overrode the explicit unfollow";
  EXPECT_EQ(followers(ada.token, hotel.hotel_id), 0);

  // Following by hand works, as "manual".
  const auto back = follow(ada.token, hotel.hotel_id);
  ASSERT_EQ(back.status, 200u) << back.body;
  EXPECT_EQ(json_text(back.json(), "/hotel_id"), hotel.hotel_id);
  EXPECT_EQ(json_text(back.json(), "/source"), "manual");
  EXPECT_NO_THROW(static_cast<void>(parse_utc(json_text(back.json(), "/since")))) << back.body;
  EXPECT_EQ(following(ada.token, hotel.hotel_id), std::optional<std::string>("manual"));
  EXPECT_EQ(followers(ada.token, hotel.hotel_id), 1);

  // A later claim keeps it manual.
  redeem_ok(ada.token, create_active(hotel.token, "Third deal", 10));
  EXPECT_EQ(following(ada.token, hotel.hotel_id), std::optional<std::string>("manual"));
  EXPECT_EQ(followers(ada.token, hotel.hotel_id), 1);
}

TEST_F(Follow, AnUnfollowBeforeAnyClaimCounts) {
  EXPECT_EQ(unfollow(ada.token, hotel.hotel_id).status, 204u);
  redeem_ok(ada.token, create_active(hotel.token, "Some deal", 10));
  EXPECT_EQ(following(ada.token, hotel.hotel_id), std::nullopt);
  EXPECT_EQ(followers(ada.token, hotel.hotel_id), 0);
}

TEST_F(Follow, ManualFollowIsIdempotent) {
  const auto first = follow(ada.token, other.hotel_id);
  ASSERT_EQ(first.status, 200u) << first.body;
  EXPECT_EQ(json_text(first.json(), "/source"), "manual");
  const auto again = follow(ada.token, other.hotel_id);
  ASSERT_EQ(again.status, 200u) << again.body;
  EXPECT_EQ(json_text(again.json(), "/since"), json_text(first.json(), "/since")) << "following again keeps since";
  EXPECT_EQ(followers(bob.token, other.hotel_id), 1);
  const auto list = subscriptions(ada.token);
  ASSERT_EQ(list.status, 200u);
  EXPECT_EQ(list.json().at("items").as_array().size(), 1u) << list.body;

  // A claim after a manual follow keeps it manual.
  redeem_ok(ada.token, create_active(other.token, "Rival deal", 10));
  EXPECT_EQ(following(ada.token, other.hotel_id), std::optional<std::string>("manual"));

  EXPECT_EQ(unfollow(ada.token, other.hotel_id).status, 204u);
  EXPECT_EQ(unfollow(ada.token, other.hotel_id).status, 204u);
  EXPECT_EQ(followers(bob.token, other.hotel_id), 0);
}

// The list follows the paging convention: every followed hotel is reachable through next_cursor.
TEST_F(Follow, EveryFollowedHotelIsListedAcrossPages) {
  std::set<std::string> followed;
  for (int i = 0; i < 24; ++i) {
    const Hotelier h = owner("owner" + std::to_string(i) + "@many.example", "Owner " + std::to_string(i),
                             {"Hotel " + std::to_string(i), "Sligo", "Ireland", "Europe/Dublin", "x"});
    ASSERT_EQ(follow(ada.token, h.hotel_id).status, 200u);
    followed.insert(h.hotel_id);
  }
  ASSERT_EQ(follow(ada.token, hotel.hotel_id).status, 200u);
  ASSERT_EQ(follow(ada.token, other.hotel_id).status, 200u);
  followed.insert(hotel.hotel_id);
  followed.insert(other.hotel_id);
  ASSERT_EQ(followed.size(), 26u);

  for (const std::string& limit : {std::string{}, std::string("limit=10")}) {
    std::vector<std::string> listed;
    std::string cursor;
    int pages = 0;
    while (pages < 20) {
      std::string query = limit;
      if (!cursor.empty()) query += (query.empty() ? "" : "&") + std::string("cursor=") + url_encode(cursor);
      const auto page = send_with(http_verb::get, "/api/v1/me/subscriptions" + (query.empty() ? "" : "?" + query), {},
                                  ada.token);
      ASSERT_EQ(page.status, 200u) << query << ": " << page.body;
      ++pages;
      const auto body = page.json();
      for (const auto& item : body.at("items").as_array()) listed.push_back(json_text(item, "/hotel/id"));
      if (body.at("next_cursor").is_null()) break;
      cursor = std::string(body.at("next_cursor").as_string());
    }
    EXPECT_EQ(listed.size(), followed.size()) << "with " << (limit.empty() ? "the default limit" : limit) << ", "
                                              << pages << " page(s) listed " << listed.size() << " of 26 hotels";
    const std::set<std::string> distinct(listed.begin(), listed.end());
    EXPECT_EQ(distinct.size(), listed.size()) << "a hotel was listed twice";
    std::vector<std::string> missing;
    for (const auto& id : followed) {
      if (!distinct.contains(id)) missing.push_back(id);
    }
    EXPECT_TRUE(missing.empty()) << missing.size() << " followed hotels are never listed";
  }
}

TEST_F(Follow, UnknownHotelIsNotFound) {
  for (const std::string& id : {std::string("01HZZZZZZZZZZZZZZZZZZZZZZZ"), std::string("not-an-id")}) {
    const auto put = follow(ada.token, id);
    EXPECT_EQ(put.status, 404u) << put.body;
    EXPECT_EQ(put.error_code(), "not_found") << put.body;
    const auto del = unfollow(ada.token, id);
    EXPECT_EQ(del.status, 404u) << del.body;
  }
  const auto list = subscriptions(ada.token);
  ASSERT_EQ(list.status, 200u);
  EXPECT_TRUE(list.json().at("items").as_array().empty()) << list.body;
}

}  // namespace
}  // namespace hc::test
