// Hotel profiles seen from outside: what travellers read (with the number of live coupons), what the owner
// may change, and that a new hotel name reaches search at once.
#include "coupon_fixture.hpp"

#include <set>
#include <string>
#include <vector>

namespace hc::test {
namespace {

using http_verb = boost::beast::http::verb;

class HotelProfile : public CouponApiTest {
 protected:
  void SetUp() override {
    owner = hotelier("owner@hotel.example", {"Harbour Hotel", "Dublin", "Ireland", "Europe/Dublin", "By the sea"});
    guest = traveller("guest@example.com");
  }

  HttpResult patch_mine(const std::string& token, const json::object& body) {
    return send(http_verb::patch, "/api/v1/hotels/mine", json::serialize(body), token);
  }

  HttpResult profile(const std::string& token) { return get("/api/v1/hotels/" + owner.hotel_id, token); }

  std::set<std::string> found(const std::string& query) { return id_set(search_all(guest, query)); }

  Hotelier owner;
  std::string guest;
};

TEST_F(HotelProfile, ShowsTheHotelWithItsLiveCoupons) {
  const auto empty = profile(guest);
  ASSERT_EQ(empty.status, 200u) << empty.body;
  const auto body = empty.json();
  EXPECT_EQ(json_text(body, "/id"), owner.hotel_id);
  EXPECT_EQ(json_text(body, "/name"), "Harbour Hotel");
  EXPECT_EQ(json_text(body, "/city"), "Dublin");
  EXPECT_EQ(json_text(body, "/country"), "Ireland");
  EXPECT_EQ(json_text(body, "/timezone"), "Europe/Dublin");
  EXPECT_EQ(json_text(body, "/description"), "By the sea");
  EXPECT_TRUE(body.at("logo_url").is_null());
  EXPECT_EQ(body.at("active_coupons"), json::value(0));
  EXPECT_EQ(body.at("followers"), json::value(0));

  // Two live coupons among every other status.
  create_active(owner.token, "Live one");
  const std::string live_two = create_active(owner.token, "Live two");
  create_ok(owner.token, coupon_body("Draft"));
  create_ok(owner.token, coupon_body("Old draft", 20, {{"valid_from", "2020-01-01"}, {"valid_until", "2020-02-01"}}));
  const std::string paused = create_active(owner.token, "Paused");
  const std::string archived = create_active(owner.token, "Archived");
  const std::string expired = create_active(owner.token, "Expired", 20, {{"valid_from", "2020-01-01"}});
  ASSERT_EQ(patch(owner.token, paused, {{"status", "paused"}}).status, 200u);
  ASSERT_EQ(patch(owner.token, archived, {{"status", "archived"}}).status, 200u);
  ASSERT_EQ(patch(owner.token, expired, {{"valid_until", "2021-01-01"}}).status, 200u);
  // Another hotel's coupons do not count.
  const Hotelier rival = hotelier("rival@hotel.example", {"Rival Inn", "Cork", "Ireland", "Europe/Dublin", "x"});
  create_active(rival.token, "Rival live");

  for (const std::string& token : {guest, owner.token, rival.token}) {
    const auto seen = profile(token);
    ASSERT_EQ(seen.status, 200u) << seen.body;
    EXPECT_EQ(seen.json().at("active_coupons"), json::value(2)) << seen.body;
  }
  EXPECT_EQ(get("/api/v1/hotels/" + rival.hotel_id, guest).json().at("active_coupons"), json::value(1));
  ASSERT_EQ(patch(owner.token, live_two, {{"status", "paused"}}).status, 200u);
  EXPECT_EQ(profile(guest).json().at("active_coupons"), json::value(1));
  ASSERT_EQ(patch(owner.token, paused, {{"status", "active"}}).status, 200u);
  EXPECT_EQ(profile(guest).json().at("active_coupons"), json::value(2));

  EXPECT_EQ(get("/api/v1/hotels/01HZZZZZZZZZZZZZZZZZZZZZZZ", guest).status, 404u);
  EXPECT_EQ(get("/api/v1/hotels/not-an-id", guest).status, 404u);
  EXPECT_EQ(profile({}).status, 401u);
}

TEST_F(HotelProfile, OwnerChangesTheProfileAndSearchFollowsTheName) {
  const std::string live = create_active(owner.token, "Spa afternoon");
  const std::string draft = json_text(create_ok(owner.token, coupon_body("Spa draft")), "/id");
  EXPECT_EQ(found("q=harbour"), std::set<std::string>{live});

  const auto renamed = patch_mine(owner.token, {{"name", "Lighthouse Lodge"}, {"description", "Now by the lighthouse"}});
  ASSERT_EQ(renamed.status, 200u) << renamed.body;
  EXPECT_EQ(json_text(renamed.json(), "/name"), "Lighthouse Lodge");
  EXPECT_EQ(json_text(renamed.json(), "/description"), "Now by the lighthouse");
  EXPECT_EQ(json_text(renamed.json(), "/city"), "Dublin") << "fields not sent keep their value";
  EXPECT_EQ(renamed.json().at("active_coupons"), json::value(1));
  EXPECT_EQ(json_text(profile(guest).json(), "/name"), "Lighthouse Lodge");

  // Search by the new name (full text and the hotel filter) finds the live coupon; the old name nothing.
  EXPECT_EQ(found("q=lighthouse"), std::set<std::string>{live});
  EXPECT_EQ(found("q=LODGE"), std::set<std::string>{live});
  EXPECT_TRUE(found("q=harbour").empty());
  EXPECT_EQ(found("hotel=lighthouse"), std::set<std::string>{live});
  EXPECT_TRUE(found("hotel=harbour").empty());
  EXPECT_EQ(json_text(get_coupon(guest, live).json(), "/hotel/name"), "Lighthouse Lodge");
  // A draft activated after the rename is found by the new name too.
  ASSERT_EQ(patch(owner.token, draft, {{"status", "active"}}).status, 200u);
  EXPECT_EQ(found("q=lighthouse"), (std::set<std::string>{live, draft}));

  const auto moved = patch_mine(owner.token, {{"city", "Galway"}});
  ASSERT_EQ(moved.status, 200u) << moved.body;
  EXPECT_EQ(found("city=galway"), (std::set<std::string>{live, draft}));
  EXPECT_TRUE(found("city=dublin").empty());
  const auto zone = patch_mine(owner.token, {{"timezone", "Asia/Tokyo"}, {"country", "Japan"}});
  ASSERT_EQ(zone.status, 200u) << zone.body;
  EXPECT_EQ(json_text(zone.json(), "/timezone"), "Asia/Tokyo");
  EXPECT_EQ(json_text(get_coupon(guest, live).json(), "/hotel/timezone"), "Asia/Tokyo");
  // New coupons read their dates in the new zone.
  const auto tokyo = create_ok(owner.token, coupon_body("Tokyo time", 20, {{"valid_from", "2030-06-01"}}));
  EXPECT_EQ(json_text(tokyo, "/valid_from"), "2030-05-31T15:00:00Z");
}

TEST_F(HotelProfile, BadChangesAreRefusedAndChangeNothing) {
  const auto before = profile(owner.token).json();
  const std::vector<std::pair<json::object, std::vector<std::string>>> bad{
      {{{"timezone", "Mars/Olympus"}}, {"timezone"}},
      {{{"timezone", "../../etc/passwd"}}, {"timezone"}},
      {{{"timezone", ""}}, {"timezone"}},
      {{{"timezone", 5}}, {"timezone"}},
      {{{"name", ""}}, {"name"}},
      {{{"name", "   "}}, {"name"}},
      {{{"name", std::string(121, 'n')}}, {"name"}},
      {{{"city", std::string(81, 'c')}}, {"city"}},
      {{{"country", "I"}}, {"country"}},
      {{{"description", std::string(4001, 'd')}}, {"description"}},
      {{{"stars", 5}}, {"stars"}},
      {{{"id", "01HZZZZZZZZZZZZZZZZZZZZZZZ"}}, {"id"}},
      {{{"owner_id", "01HZZZZZZZZZZZZZZZZZZZZZZZ"}}, {"owner_id"}},
      {{{"logo_url", "/media/logos/evil.png"}}, {"logo_url"}},
      {{{"active_coupons", 100}}, {"active_coupons"}},
      {{{"followers", 100}}, {"followers"}},
      {{{"name", ""}, {"timezone", "Nowhere/Land"}, {"country", "I"}}, {"name", "timezone", "country"}},
  };
  for (const auto& [body, fields] : bad) {
    const auto result = patch_mine(owner.token, body);
    EXPECT_EQ(result.status, 400u) << json::serialize(body) << ": " << result.body;
    EXPECT_EQ(result.error_code(), "validation_failed") << result.body;
    for (const auto& field : fields) {
      EXPECT_TRUE(contains(detail_fields(result), field)) << field << " in " << result.body;
    }
  }
  EXPECT_EQ(patch_mine(owner.token, json::object{}).status, 400u);
  EXPECT_EQ(send(http_verb::patch, "/api/v1/hotels/mine", "{\"name\":", owner.token).status, 400u);
  EXPECT_EQ(profile(owner.token).json(), before) << "a refused change left a trace";
}

// Found by this suite: with an unknown field in the body, only that field is named; the bad values beside it
// are not.
TEST_F(HotelProfile, UnknownFieldsAreListedWithTheOtherBadFields) {
  const auto result = patch_mine(owner.token, {{"name", ""}, {"timezone", "Nowhere/Land"}, {"colour", "red"}});
  EXPECT_EQ(result.status, 400u) << result.body;
  for (const char* field : {"name", "timezone", "colour"}) {
    EXPECT_TRUE(contains(detail_fields(result), field)) << field << " in " << result.body;
  }
}

TEST_F(HotelProfile, OnlyHoteliersHaveAHotelToChange) {
  const auto result = patch_mine(guest, {{"name", "Guest House"}});
  EXPECT_EQ(result.status, 403u) << result.body;
  EXPECT_EQ(result.error_code(), "forbidden");
  EXPECT_EQ(patch_mine({}, {{"name", "Anonymous"}}).status, 401u);
  // One hotelier's change never touches another hotel.
  const Hotelier rival = hotelier("rival@hotel.example", {"Rival Inn", "Cork", "Ireland", "Europe/Dublin", "x"});
  ASSERT_EQ(patch_mine(rival.token, {{"name", "Rival Palace"}}).status, 200u);
  EXPECT_EQ(json_text(profile(guest).json(), "/name"), "Harbour Hotel");
  EXPECT_EQ(json_text(get("/api/v1/hotels/" + rival.hotel_id, guest).json(), "/name"), "Rival Palace");
}

}  // namespace
}  // namespace hc::test
