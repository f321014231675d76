// The notification inbox: events written with the change that causes them, delivered in the background to
// the right people, kept, paged and marked read.
#include "redemption_fixture.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <thread>

namespace hc::test {
namespace {

using namespace std::chrono_literals;

class Notifications : public RedemptionApiTest {
 protected:
  HttpResult inbox(const std::string& token, const std::string& query = {}) {
    return get("/api/v1/me/notifications" + (query.empty() ? "" : "?" + query), token);
  }

  HttpResult mark_read(const std::string& token, const std::string& body) {
    return send(boost::beast::http::verb::post, "/api/v1/me/notifications/read", body, token);
  }
};

TEST_F(Notifications, FollowersAreToldWhenTheirHotelPublishesAndOthersAreNot) {
  const Hotelier hotel = owner("owner@hotel.example", "Olive Owner");
  const Traveller fan = guest("fan@example.com", "Fran Fan");
  const Traveller stranger = guest("stranger@example.com", "Sam Stranger");
  ASSERT_EQ(follow(fan.token, hotel.hotel_id).status, 200u);
  const std::string coupon_id = create_active(hotel.token, "Harbour breakfast", 30);

  const auto items = inbox_when(fan.token, 1);
  ASSERT_EQ(items.size(), 1u);
  EXPECT_EQ(text(items[0], "kind"), "coupon.created");
  EXPECT_EQ(text(items[0].at("data").as_object(), "coupon_id"), coupon_id);
  EXPECT_NE(text(items[0], "body").find("Harbour breakfast"), std::string::npos);
  EXPECT_FALSE(items[0].at("read").as_bool());
  std::this_thread::sleep_for(500ms);  // well past the delivery interval
  EXPECT_TRUE(inbox(stranger.token).json().at("items").as_array().empty());
}

TEST_F(Notifications, DraftsAndResumedCouponsAreNotNews) {
  const Hotelier hotel = owner("owner@hotel.example", "Olive Owner");
  const Traveller fan = guest("fan@example.com", "Fran Fan");
  ASSERT_EQ(follow(fan.token, hotel.hotel_id).status, 200u);
  const auto draft = create_ok(hotel.token, {{"title", "Quiet draft"}, {"discount_percent", 10}, {"valid_until", "2099-01-01"}});
  const std::string id = text(draft, "id");
  ASSERT_EQ(patch(hotel.token, id, {{"status", "active"}}).status, 200u);  // published: news
  ASSERT_EQ(patch(hotel.token, id, {{"status", "paused"}}).status, 200u);
  ASSERT_EQ(patch(hotel.token, id, {{"status", "active"}}).status, 200u);  // resumed: not news
  std::this_thread::sleep_for(700ms);
  const auto items = inbox_when(fan.token, 1);
  EXPECT_EQ(items.size(), 1u);
}

TEST_F(Notifications, WhoFollowsLaterIsNotToldOfEarlierCoupons) {
  const Hotelier hotel = owner("owner@hotel.example", "Olive Owner");
  create_active(hotel.token, "Before you came", 15);
  const Traveller late = guest("late@example.com", "Lee Late");
  ASSERT_EQ(follow(late.token, hotel.hotel_id).status, 200u);
  std::this_thread::sleep_for(600ms);
  EXPECT_TRUE(inbox(late.token).json().at("items").as_array().empty());
}

TEST_F(Notifications, TheGuestIsToldWhenTheDeskUsesTheirCode) {
  const Hotelier hotel = owner("owner@hotel.example", "Olive Owner");
  const Traveller alex = guest("alex@example.com", "Alex Guest");
  const std::string coupon_id = create_active(hotel.token, "Sauna evening", 20);
  const auto redemption = redeem_ok(alex.token, coupon_id);
  ASSERT_EQ(use(hotel.token, text(redemption, "code")).status, 200u);
  const auto items = inbox_when(alex.token, 1);
  ASSERT_EQ(items.size(), 1u) << "claiming made alex a follower after the coupon was published";
  EXPECT_EQ(text(items[0], "kind"), "coupon.used");
  EXPECT_EQ(text(items[0].at("data").as_object(), "redemption_id"), text(redemption, "id"));
}

TEST_F(Notifications, ReadMarkingAndUnreadOnly) {
  const Hotelier hotel = owner("owner@hotel.example", "Olive Owner");
  const Traveller fan = guest("fan@example.com", "Fran Fan");
  const Traveller other = guest("other@example.com", "Otto Other");
  ASSERT_EQ(follow(fan.token, hotel.hotel_id).status, 200u);
  ASSERT_EQ(follow(other.token, hotel.hotel_id).status, 200u);
  for (const char* title : {"One offer", "Two offer", "Three offer"}) create_active(hotel.token, title, 10);
  const auto items = inbox_when(fan.token, 3);
  ASSERT_EQ(items.size(), 3u);
  EXPECT_EQ(text(items[0], "body").substr(0, 5), "Three") << "newest first";
  // ids: [newest, middle, oldest]; mark the oldest two by up_to, then the newest by ids.
  ASSERT_EQ(mark_read(fan.token, R"({"up_to":")" + text(items[1], "id") + R"("})").status, 204u);
  auto unread = inbox(fan.token, "unread_only=true").json().at("items").as_array();
  ASSERT_EQ(unread.size(), 1u);
  EXPECT_EQ(unread[0].at("id").as_string(), items[0].at("id").as_string());
  ASSERT_EQ(mark_read(fan.token, R"({"ids":[")" + text(items[0], "id") + R"("]})").status, 204u);
  EXPECT_TRUE(inbox(fan.token, "unread_only=true").json().at("items").as_array().empty());
  // Marking someone else's notification ids does nothing to theirs.
  const auto others = inbox_when(other.token, 3);
  ASSERT_EQ(mark_read(fan.token, R"({"ids":[")" + text(others[0], "id") + R"("]})").status, 204u);
  EXPECT_EQ(inbox(other.token, "unread_only=true").json().at("items").as_array().size(), 3u);
}

TEST_F(Notifications, PagesNewestFirstEachOnce) {
  const Hotelier hotel = owner("owner@hotel.example", "Olive Owner");
  const Traveller fan = guest("fan@example.com", "Fran Fan");
  ASSERT_EQ(follow(fan.token, hotel.hotel_id).status, 200u);
  for (int i = 0; i < 7; ++i) create_active(hotel.token, "Offer number " + std::to_string(i), 10);
  ASSERT_EQ(inbox_when(fan.token, 7).size(), 7u);
  std::vector<std::string> seen;
  std::string cursor;
  for (int page = 0; page < 10; ++page) {
    const auto body = inbox(fan.token, "limit=3" + (cursor.empty() ? "" : "&cursor=" + cursor)).json().as_object();
    for (const auto& item : body.at("items").as_array()) seen.emplace_back(item.at("id").as_string());
    if (body.at("next_cursor").is_null()) break;
    cursor = std::string(body.at("next_cursor").as_string());
  }
  ASSERT_EQ(seen.size(), 7u);
  for (std::size_t i = 1; i < seen.size(); ++i) EXPECT_GT(std::stoll(seen[i - 1]), std::stoll(seen[i]));
}

TEST_F(Notifications, BadRequestsAreRefused) {
  const Traveller fan = guest("fan@example.com", "Fran Fan");
  EXPECT_EQ(inbox(fan.token, "unread_only=maybe").status, 400u);
  EXPECT_EQ(inbox(fan.token, "cursor=abc").status, 400u);
  EXPECT_EQ(inbox(fan.token, "limit=0").status, 400u);
  EXPECT_EQ(mark_read(fan.token, "{}").status, 400u);
  EXPECT_EQ(mark_read(fan.token, R"({"up_to":"x"})").status, 400u);
  EXPECT_EQ(mark_read(fan.token, R"({"ids":"1"})").status, 400u);
  EXPECT_EQ(mark_read(fan.token, R"({"up_to":"1","admin":true})").status, 400u);
  EXPECT_EQ(get("/api/v1/me/notifications", "").status, 401u);
}

}  // namespace
}  // namespace hc::test
