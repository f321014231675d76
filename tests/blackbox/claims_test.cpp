// Claiming coupons from outside: the code a traveller gets, every reason a claim is refused, cancelling, the
// QR images, who may see what, and the traveller's wallet with its filter and pages.
#include "redemption_fixture.hpp"

#include <array>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace hc::test {
namespace {

using http_verb = boost::beast::http::verb;

class Claim : public RedemptionApiTest {
 protected:
  void SetUp() override {
    hotel = owner("owner@harbour.example", "Hana Owner", {"Harbour Hotel", "Dublin", "Ireland", "Europe/Dublin", "x"});
    ada = guest("ada@example.com", "Ada Lovelace");
    bob = guest("bob@example.com", "Bob Builder");
  }

  Hotelier hotel;
  Traveller ada;
  Traveller bob;
};

TEST_F(Claim, GivesACodeTakesAUnitAndShowsTheRedemption) {
  const std::string id = create_active(hotel.token, "Sea view weekend", 25, {{"quantity", 3}});
  ASSERT_FALSE(id.empty());
  const auto before = std::chrono::system_clock::now();
  const auto answer = redeem(ada.token, id);
  ASSERT_EQ(answer.status, 201u) << answer.body;
  EXPECT_EQ(answer.header("Content-Type").rfind("application/json", 0), 0u) << answer.header("Content-Type");
  const auto body = answer.json();
  const auto& r = body.at("redemption").as_object();
  for (const char* field :
       {"id", "code", "status", "coupon", "guest_name", "redeemed_at", "used_at", "cancelled_at", "qr_url"}) {
    EXPECT_TRUE(r.contains(field)) << "missing " << field << " in " << answer.body;
  }
  EXPECT_FALSE(json_text(r, "/id").empty());
  EXPECT_TRUE(is_canonical_code(json_text(r, "/code"))) << json_text(r, "/code");
  EXPECT_EQ(json_text(r, "/status"), "redeemed");
  EXPECT_EQ(json_text(r, "/coupon/id"), id);
  EXPECT_EQ(json_text(r, "/coupon/title"), "Sea view weekend");
  EXPECT_EQ(json_text(r, "/coupon/hotel/id"), hotel.hotel_id);
  EXPECT_EQ(json_text(r, "/guest_name"), "Ada Lovelace");
  EXPECT_TRUE(r.at("used_at").is_null()) << answer.body;
  EXPECT_TRUE(r.at("cancelled_at").is_null()) << answer.body;
  const auto redeemed_at = parse_utc(json_text(r, "/redeemed_at"));
  EXPECT_GE(redeemed_at, std::chrono::floor<std::chrono::seconds>(before) - std::chrono::seconds(2));
  EXPECT_LE(redeemed_at, std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now()) +
                             std::chrono::seconds(2));
  EXPECT_EQ(r.at("coupon").at("remaining"), json::value(2)) << answer.body;
  EXPECT_EQ(remaining(bob.token, id), 2);

  // Every claim gets a code of its own.
  std::set<std::string> codes{json_text(r, "/code")};
  const auto second = redeem_ok(bob.token, id);
  codes.insert(json_text(second, "/code"));
  EXPECT_EQ(codes.size(), 2u);
  EXPECT_EQ(remaining(ada.token, id), 1);

  // The QR link it names works for its owner.
  const auto qr = get(json_text(r, "/qr_url"), ada.token);
  EXPECT_EQ(qr.status, 200u) << json_text(r, "/qr_url");
  EXPECT_EQ(qr.header("Content-Type"), "image/png");
}

TEST_F(Claim, EachRefusalHasItsOwnCode) {
  // sold_out: one unit, taken.
  const std::string single = create_active(hotel.token, "Only one room", 30, {{"quantity", 1}});
  redeem_ok(ada.token, single);
  const auto sold_out = redeem(bob.token, single);
  EXPECT_EQ(sold_out.status, 409u) << sold_out.body;
  EXPECT_EQ(sold_out.error_code(), "sold_out") << sold_out.body;
  EXPECT_EQ(remaining(bob.token, single), 0);

  // already_redeemed: per_user_limit 2 allows exactly two.
  const std::string twice = create_active(hotel.token, "Twice per guest", 10, {{"per_user_limit", 2}});
  redeem_ok(ada.token, twice);
  redeem_ok(ada.token, twice);
  const auto third = redeem(ada.token, twice);
  EXPECT_EQ(third.status, 409u) << third.body;
  EXPECT_EQ(third.error_code(), "already_redeemed") << third.body;
  redeem_ok(bob.token, twice);  // the limit is per traveller

  // not_active: paused, and claimable again once active.
  const std::string paused = create_active(hotel.token, "Paused deal", 10, {{"quantity", 5}});
  ASSERT_EQ(patch(hotel.token, paused, {{"status", "paused"}}).status, 200u);
  const auto not_active = redeem(ada.token, paused);
  EXPECT_EQ(not_active.status, 409u) << not_active.body;
  EXPECT_EQ(not_active.error_code(), "not_active") << not_active.body;
  ASSERT_EQ(patch(hotel.token, paused, {{"status", "active"}}).status, 200u);
  redeem_ok(ada.token, paused);
  EXPECT_EQ(remaining(ada.token, paused), 4);

  // expired: an active coupon whose validity was moved into the past.
  const std::string expiring =
      create_active(hotel.token, "Ending deal", 10, {{"valid_from", "2020-01-01"}, {"quantity", 5}});
  const std::string two_days_ago = local_date_string(std::chrono::system_clock::now(), std::chrono::seconds(0), -2);
  const auto moved = patch(hotel.token, expiring, {{"valid_until", two_days_ago}});
  ASSERT_EQ(moved.status, 200u) << moved.body;
  const auto expired = redeem(ada.token, expiring);
  EXPECT_EQ(expired.status, 409u) << expired.body;
  EXPECT_EQ(expired.error_code(), "expired") << expired.body;

  // not_started: active, but valid from tomorrow.
  const std::string tomorrow = rfc3339(std::chrono::system_clock::now() + std::chrono::hours(26));
  const std::string later = create_active(hotel.token, "Next week deal", 10, {{"valid_from", tomorrow}, {"quantity", 5}});
  ASSERT_FALSE(later.empty());
  const auto not_started = redeem(ada.token, later);
  EXPECT_EQ(not_started.status, 409u) << not_started.body;
  EXPECT_EQ(not_started.error_code(), "not_started") << not_started.body;

  // A refused claim takes no unit.
  const auto seen_later = get_coupon(hotel.token, later);
  ASSERT_EQ(seen_later.status, 200u) << seen_later.body;
  EXPECT_EQ(seen_later.json().at("remaining"), json::value(5)) << seen_later.body;
  const auto seen_expiring = get_coupon(hotel.token, expiring);
  ASSERT_EQ(seen_expiring.status, 200u) << seen_expiring.body;
  EXPECT_EQ(seen_expiring.json().at("remaining"), json::value(5)) << seen_expiring.body;

  // A draft, an archived coupon and an unknown id are not found.
  const json::object draft = create_ok(hotel.token, coupon_body("Draft deal"));
  ASSERT_EQ(json_text(draft, "/status"), "draft");
  const std::string archived = create_active(hotel.token, "Archived deal", 10);
  ASSERT_EQ(patch(hotel.token, archived, {{"status", "archived"}}).status, 200u);
  for (const std::string& missing :
       {json_text(draft, "/id"), archived, std::string("01HZZZZZZZZZZZZZZZZZZZZZZZ"), std::string("not-an-id")}) {
    const auto answer = redeem(ada.token, missing);
    EXPECT_EQ(answer.status, 404u) << missing << ": " << answer.body;
    EXPECT_EQ(answer.error_code(), "not_found") << answer.body;
  }

  // The wallet holds exactly the successful claims.
  EXPECT_EQ(wallet_all(ada.token, {}).size(), 4u);
  EXPECT_EQ(wallet_all(bob.token, {}).size(), 1u);
}

TEST_F(Claim, ARefusedClaimDoesNotFollowTheHotel) {
  const std::string single = create_active(hotel.token, "Only one room", 30, {{"quantity", 1}});
  redeem_ok(ada.token, single);
  ASSERT_EQ(redeem(bob.token, single).error_code(), "sold_out");
  EXPECT_EQ(following(bob.token, hotel.hotel_id), std::nullopt) << "a sold-out claim made Bob follow the hotel";
  EXPECT_EQ(following(ada.token, hotel.hotel_id), std::optional<std::string>("redeem"));
  EXPECT_EQ(followers(bob.token, hotel.hotel_id), 1);
}

TEST_F(Claim, CancelGivesTheUnitBack) {
  const std::string id = create_active(hotel.token, "Last room", 40, {{"quantity", 1}});
  const auto mine = redeem_ok(ada.token, id);
  const std::string rid = json_text(mine, "/id");
  EXPECT_EQ(remaining(ada.token, id), 0);
  EXPECT_EQ(redeem(bob.token, id).error_code(), "sold_out");

  const auto cancelled = cancel(ada.token, rid);
  ASSERT_EQ(cancelled.status, 200u) << cancelled.body;
  EXPECT_EQ(json_text(cancelled.json(), "/redemption/status"), "cancelled") << cancelled.body;
  EXPECT_FALSE(json_text(cancelled.json(), "/redemption/cancelled_at").empty()) << cancelled.body;
  EXPECT_EQ(remaining(ada.token, id), 1);

  // The unit is claimable again: Bob takes it.
  redeem_ok(bob.token, id);
  EXPECT_EQ(remaining(ada.token, id), 0);

  // A second cancel is refused and gives nothing back.
  const auto again = cancel(ada.token, rid);
  EXPECT_EQ(again.status, 409u) << again.body;
  EXPECT_EQ(again.error_code(), "already_cancelled") << again.body;
  EXPECT_EQ(remaining(ada.token, id), 0);
  EXPECT_EQ(json_text(wallet_entry(ada.token, rid), "/status"), "cancelled");
  // The cancelled code is dead at the desk.
  const auto dead = lookup(hotel.token, json_text(mine, "/code"));
  EXPECT_EQ(dead.status, 404u) << dead.body;
  EXPECT_EQ(dead.error_code(), "invalid_code");
}

TEST_F(Claim, CancelThenClaimAgainWithinThePerUserLimit) {
  const std::string id = create_active(hotel.token, "Once per guest", 15, {{"quantity", 10}, {"per_user_limit", 1}});
  const auto first = redeem_ok(ada.token, id);
  EXPECT_EQ(redeem(ada.token, id).error_code(), "already_redeemed");
  ASSERT_EQ(cancel(ada.token, json_text(first, "/id")).status, 200u);
  const auto second = redeem_ok(ada.token, id);
  EXPECT_NE(json_text(second, "/code"), json_text(first, "/code"));
  EXPECT_EQ(remaining(ada.token, id), 9);
}

TEST_F(Claim, AUsedClaimCannotBeCancelled) {
  const std::string id = create_active(hotel.token, "Dinner deal", 15, {{"quantity", 10}});
  const auto mine = redeem_ok(ada.token, id);
  ASSERT_EQ(use(hotel.token, json_text(mine, "/code")).status, 200u);
  const auto refused = cancel(ada.token, json_text(mine, "/id"));
  EXPECT_EQ(refused.status, 409u) << refused.body;
  EXPECT_EQ(refused.error_code(), "already_used") << refused.body;
  EXPECT_EQ(remaining(ada.token, id), 9);
  EXPECT_EQ(json_text(wallet_entry(ada.token, json_text(mine, "/id")), "/status"), "used");
}

TEST_F(Claim, AnotherTravellersRedemptionIsNotFound) {
  const std::string id = create_active(hotel.token, "Private deal", 15, {{"quantity", 10}});
  const auto mine = redeem_ok(ada.token, id);
  const std::string rid = json_text(mine, "/id");
  for (const char* image : {"/qr.png", "/qr.svg"}) {
    const auto theirs = get("/api/v1/redemptions/" + rid + image, bob.token);
    EXPECT_EQ(theirs.status, 404u) << image << ": " << theirs.body;
    EXPECT_EQ(theirs.error_code(), "not_found") << theirs.body;
    EXPECT_EQ(get("/api/v1/redemptions/01HZZZZZZZZZZZZZZZZZZZZZZZ" + std::string(image), ada.token).status, 404u);
    EXPECT_EQ(get("/api/v1/redemptions/" + rid + image, {}).status, 401u);
  }
  const auto their_cancel = cancel(bob.token, rid);
  EXPECT_EQ(their_cancel.status, 404u) << their_cancel.body;
  EXPECT_EQ(cancel(ada.token, "01HZZZZZZZZZZZZZZZZZZZZZZZ").status, 404u);
  // Nothing happened to it.
  EXPECT_EQ(json_text(wallet_entry(ada.token, rid), "/status"), "redeemed");
  EXPECT_EQ(remaining(ada.token, id), 9);
  // Bob's wallet does not show it.
  for (const auto& item : wallet_all(bob.token, {})) EXPECT_NE(json_text(item, "/id"), rid);
}

TEST_F(Claim, EachRoleKeepsToItsRoutes) {
  const std::string id = create_active(hotel.token, "Role deal", 15, {{"quantity", 10}});
  const auto mine = redeem_ok(ada.token, id);
  const std::string rid = json_text(mine, "/id");
  const std::string code = json_text(mine, "/code");

  // A hotelier on the traveller routes.
  const auto hotelier_claim = redeem(hotel.token, id);
  EXPECT_EQ(hotelier_claim.status, 403u) << hotelier_claim.body;
  EXPECT_EQ(wallet(hotel.token).status, 403u);
  EXPECT_EQ(cancel(hotel.token, rid).status, 403u);
  EXPECT_EQ(get("/api/v1/redemptions/" + rid + "/qr.png", hotel.token).status, 403u);
  EXPECT_EQ(get("/api/v1/redemptions/" + rid + "/qr.svg", hotel.token).status, 403u);
  EXPECT_EQ(follow(hotel.token, hotel.hotel_id).status, 403u);
  EXPECT_EQ(unfollow(hotel.token, hotel.hotel_id).status, 403u);
  EXPECT_EQ(subscriptions(hotel.token).status, 403u);

  // A traveller on the desk routes, even with a right code.
  const auto traveller_lookup = lookup(ada.token, code);
  EXPECT_EQ(traveller_lookup.status, 403u) << traveller_lookup.body;
  const auto traveller_use = use(ada.token, code);
  EXPECT_EQ(traveller_use.status, 403u) << traveller_use.body;
  EXPECT_EQ(undo(ada.token, rid, "mistake").status, 403u);
  EXPECT_EQ(desk_log(ada.token).status, 403u);

  // Nobody signed in.
  EXPECT_EQ(redeem({}, id).status, 401u);
  EXPECT_EQ(wallet({}).status, 401u);
  EXPECT_EQ(lookup({}, code).status, 401u);
  EXPECT_EQ(use({}, code).status, 401u);
  EXPECT_EQ(desk_log({}).status, 401u);
  EXPECT_EQ(follow({}, hotel.hotel_id).status, 401u);

  // None of that touched the claim.
  EXPECT_EQ(json_text(wallet_entry(ada.token, rid), "/status"), "redeemed");
  EXPECT_EQ(remaining(ada.token, id), 9);
}

TEST_F(Claim, HotelierStatsCountClaimsAndUses) {
  const std::string id = create_active(hotel.token, "Counted deal", 15, {{"quantity", 10}, {"per_user_limit", 3}});
  const auto first = redeem_ok(ada.token, id);
  const auto second = redeem_ok(ada.token, id);
  redeem_ok(bob.token, id);
  ASSERT_EQ(use(hotel.token, json_text(first, "/code")).status, 200u);
  ASSERT_EQ(cancel(ada.token, json_text(second, "/id")).status, 200u);
  json::object stats;
  for (const auto& coupon : hotelier_list_all(hotel.token, {})) {
    if (json_text(coupon, "/id") == id && coupon.contains("stats")) stats = coupon.at("stats").as_object();
  }
  ASSERT_FALSE(stats.empty()) << "no stats for the coupon";
  EXPECT_EQ(stats.at("redemptions"), json::value(2)) << json::serialize(stats);
  EXPECT_EQ(stats.at("uses"), json::value(1)) << json::serialize(stats);
  EXPECT_EQ(remaining(bob.token, id), 8);
}

// zbarimg prints the decoded text; its stderr (D-Bus noise) is dropped.
std::string decode_qr(const std::filesystem::path& png) {
  return shell_output("zbarimg --raw -q '" + png.string() + "' 2>/dev/null");
}

TEST_F(Claim, QrPngDecodesBackToTheCode) {
  ASSERT_EQ(std::system("command -v zbarimg >/dev/null 2>&1"), 0)
      << "zbarimg is missing: install it with scripts/install-deps --test";
  const std::string id = create_active(hotel.token, "QR deal", 15, {{"quantity", 10}, {"per_user_limit", 5}});
  const TempDir dir;
  for (int i = 0; i < 3; ++i) {
    const auto mine = redeem_ok(ada.token, id);
    const std::string rid = json_text(mine, "/id");
    const auto png = get("/api/v1/redemptions/" + rid + "/qr.png", ada.token);
    ASSERT_EQ(png.status, 200u) << png.body;
    EXPECT_EQ(png.header("Content-Type"), "image/png");
    ASSERT_GE(png.body.size(), 8u);
    EXPECT_EQ(png.body.substr(0, 8), std::string("\x89PNG\r\n\x1a\n", 8));
    const auto file = dir.path() / ("qr" + std::to_string(i) + ".png");
    std::ofstream(file, std::ios::binary) << png.body;
    EXPECT_EQ(decode_qr(file), json_text(mine, "/code"));
  }
}

TEST_F(Claim, QrSvgIsAnSvg) {
  const std::string id = create_active(hotel.token, "SVG deal", 15, {{"quantity", 10}});
  const auto mine = redeem_ok(ada.token, id);
  const auto svg = get("/api/v1/redemptions/" + json_text(mine, "/id") + "/qr.svg", ada.token);
  ASSERT_EQ(svg.status, 200u) << svg.body;
  EXPECT_EQ(svg.header("Content-Type"), "image/svg+xml");
  EXPECT_EQ(svg.body.rfind("<svg", 0), 0u) << svg.body.substr(0, 80);
  EXPECT_NE(svg.body.find("</svg>"), std::string::npos);
  EXPECT_EQ(svg.body.find("<script"), std::string::npos);
  // The code travels as the picture, not as text in it.
  EXPECT_EQ(svg.body.find(json_text(mine, "/code")), std::string::npos);
}

// The same cast as the claim tests: a hotel and two travellers.
class Wallet : public Claim {};

TEST_F(Wallet, PagesAndFiltersEveryClaimOnce) {
  // Five claims of five coupons, newest last; one used, one cancelled.
  std::vector<std::string> ids;
  for (int i = 0; i < 5; ++i) {
    const std::string coupon = create_active(hotel.token, "Wallet deal " + std::to_string(i), 10, {{"quantity", 10}});
    const auto mine = redeem_ok(ada.token, coupon);
    ids.push_back(json_text(mine, "/id"));
    if (i == 1) {
      ASSERT_EQ(use(hotel.token, json_text(mine, "/code")).status, 200u);
    }
    if (i == 3) {
      ASSERT_EQ(cancel(ada.token, json_text(mine, "/id")).status, 200u);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(5));
  }
  redeem_ok(bob.token, create_active(hotel.token, "Bob's deal", 10));

  const std::vector<std::string> newest_first{ids[4], ids[3], ids[2], ids[1], ids[0]};
  int pages = 0;
  const auto all = wallet_all(ada.token, "limit=2", &pages);
  const std::vector<std::string> seen = ids_of(all);
  EXPECT_EQ(seen, newest_first) << "every claim once, newest first";
  EXPECT_EQ(pages, 3);
  const auto first = wallet(ada.token, "limit=2");
  ASSERT_EQ(first.status, 200u) << first.body;
  EXPECT_EQ(first.json().at("items").as_array().size(), 2u);
  EXPECT_TRUE(first.json().at("next_cursor").is_string());

  const auto wallet_ids = [&](const std::string& query) { return ids_of(wallet_all(ada.token, query)); };
  EXPECT_EQ(wallet_ids("status=redeemed"), (std::vector<std::string>{ids[4], ids[2], ids[0]}));
  EXPECT_EQ(wallet_ids("status=used"), (std::vector<std::string>{ids[1]}));
  EXPECT_EQ(wallet_ids("status=cancelled"), (std::vector<std::string>{ids[3]}));
  int filtered_pages = 0;
  std::vector<std::string> paged_redeemed;
  for (const auto& item : wallet_all(ada.token, "status=redeemed&limit=2", &filtered_pages)) {
    paged_redeemed.push_back(json_text(item, "/id"));
    EXPECT_EQ(json_text(item, "/status"), "redeemed");
  }
  EXPECT_EQ(paged_redeemed, (std::vector<std::string>{ids[4], ids[2], ids[0]}));
  EXPECT_EQ(filtered_pages, 2);

  // The used one shows when; the cancelled one shows when.
  for (const auto& item : all) {
    const std::string status = json_text(item, "/status");
    EXPECT_EQ(item.at("used_at").is_null(), status != "used") << json::serialize(item);
    EXPECT_EQ(item.at("cancelled_at").is_null(), status != "cancelled") << json::serialize(item);
    EXPECT_EQ(json_text(item, "/guest_name"), "Ada Lovelace");
    EXPECT_FALSE(json_text(item, "/coupon/title").empty());
  }
  EXPECT_EQ(wallet_all(bob.token, {}).size(), 1u);
}

TEST_F(Wallet, RefusesBadQueries) {
  redeem_ok(ada.token, create_active(hotel.token, "Any deal", 10));
  for (const std::string query : {"status=bogus", "status=active", "limit=0", "limit=101", "limit=two",
                                   "cursor=not-a-cursor"}) {
    const auto answer = wallet(ada.token, query);
    EXPECT_EQ(answer.status, 400u) << query << ": " << answer.body;
  }
  const auto empty = wallet(bob.token);
  ASSERT_EQ(empty.status, 200u) << empty.body;
  EXPECT_TRUE(empty.json().at("items").as_array().empty());
  EXPECT_TRUE(empty.json().at("next_cursor").is_null());
}

}  // namespace
}  // namespace hc::test
