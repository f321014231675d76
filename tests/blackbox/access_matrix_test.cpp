// The access-control matrix (issue 10): every route with an object id, called by the object's owner, another
// traveller, another hotelier and someone not signed in, answers what API.md promises, and a refused call leaves the
// object as it was. The rows are checked against the server's own route table, so a new route with an object id fails
// the suite until it has a row. Beside it, generated from the same table: every hotelier route refuses a traveller's
// token, and every JSON body refuses the fields the server owns.
#include "redemption_fixture.hpp"
#include "test_images.hpp"

#include "app/route_table.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <functional>
#include <map>
#include <set>
#include <string>
#include <string_view>
#include <vector>

namespace hc::test {
namespace {

using namespace std::chrono_literals;
using boost::beast::http::verb;

std::string route_key(verb method, std::string_view pattern) {
  return std::string(boost::beast::http::to_string(method)) + " " + std::string(pattern);
}

// Who owns the object a row's id names: the hotelier of the hotel (its coupons, reports, the desk's undo of a use of
// its coupon), or the traveller who claimed the redemption.
enum class Owner { hotelier, traveller };

// The order each row is called in: the owner last, because the owner's call may change the object (an undo, a cancel).
enum class Actor { anonymous, another_traveller, another_hotelier, owner };
constexpr Actor kActors[] = {Actor::anonymous, Actor::another_traveller, Actor::another_hotelier, Actor::owner};

std::string_view name_of(Actor actor) {
  switch (actor) {
    case Actor::anonymous:
      return "someone not signed in";
    case Actor::another_traveller:
      return "another traveller";
    case Actor::another_hotelier:
      return "another hotelier";
    case Actor::owner:
      return "the owner";
  }
  return "?";
}

struct Row {
  verb method;
  std::string_view pattern;  // exactly as the route table has it
  Owner owner;
  unsigned owner_status;
  unsigned another_traveller_status;
  unsigned another_hotelier_status;
  unsigned anonymous_status;
  std::string_view why;  // which rule of API.md gives these codes

  [[nodiscard]] std::string route() const { return route_key(method, pattern); }
  [[nodiscard]] unsigned expected(Actor actor) const {
    switch (actor) {
      case Actor::anonymous:
        return anonymous_status;
      case Actor::another_traveller:
        return another_traveller_status;
      case Actor::another_hotelier:
        return another_hotelier_status;
      case Actor::owner:
        return owner_status;
    }
    return 0;
  }
};

// API.md: a route for one role answers 403 to the other and 401 without a valid token; another owner's object
// answers 404, never revealing that it exists.
constexpr Row kMatrix[] = {
    {verb::get, "/api/v1/hotels/{id}", Owner::hotelier, 200, 200, 200, 401, "any signed-in account may read a hotel"},
    {verb::get, "/api/v1/coupons/{id}", Owner::hotelier, 200, 200, 200, 401,
     "any signed-in account may read an active coupon"},
    {verb::patch, "/api/v1/coupons/{id}", Owner::hotelier, 200, 403, 404, 401,
     "hotelier route; another hotel's coupon is not found"},
    {verb::put, "/api/v1/coupons/{id}/image", Owner::hotelier, 200, 403, 404, 401,
     "hotelier route; another hotel's coupon is not found"},
    {verb::put, "/api/v1/hotels/{id}/subscription", Owner::hotelier, 403, 200, 403, 401,
     "travellers' route: any traveller may follow any hotel, no hotelier may"},
    {verb::delete_, "/api/v1/hotels/{id}/subscription", Owner::hotelier, 403, 204, 403, 401,
     "travellers' route: a traveller unfollows for themselves only, no hotelier may"},
    {verb::post, "/api/v1/coupons/{id}/redeem", Owner::hotelier, 403, 201, 403, 401,
     "travellers' route: any traveller may claim an active coupon, not even its own hotelier may"},
    {verb::get, "/api/v1/redemptions/{id}/qr.svg", Owner::traveller, 200, 404, 403, 401,
     "travellers' route; another traveller's redemption is not found"},
    {verb::get, "/api/v1/redemptions/{id}/qr.png", Owner::traveller, 200, 404, 403, 401,
     "travellers' route; another traveller's redemption is not found"},
    {verb::post, "/api/v1/redemptions/{id}/cancel", Owner::traveller, 200, 404, 403, 401,
     "travellers' route; another traveller's redemption is not found"},
    {verb::post, "/api/v1/hotelier/redemptions/{id}/undo", Owner::hotelier, 200, 403, 404, 401,
     "hotelier route; a use at another hotel's desk is not found"},
    {verb::get, "/api/v1/hotelier/reports/{id}", Owner::hotelier, 200, 403, 404, 401,
     "hotelier route; another hotel's report is not found"},
    {verb::get, "/api/v1/hotelier/reports/{id}/download", Owner::hotelier, 200, 403, 404, 401,
     "hotelier route; another hotel's report is not found"},
    {verb::get, "/media/{folder}/{name}", Owner::hotelier, 200, 200, 200, 200,
     "uploaded images are public: a coupon's image_url is shown to anyone, signed in or not"},
};

//! The routes whose path names an object, as "METHOD pattern".
std::set<std::string> routes_with_an_object_id(const std::vector<app::RouteShape>& routes) {
  std::set<std::string> keys;
  for (const auto& route : routes) {
    if (route.pattern.find('{') != std::string::npos) keys.insert(route_key(route.method, route.pattern));
  }
  return keys;
}

TEST(AccessMatrixTable, EveryRouteWithAnObjectIdHasARowAndEveryRowIsARoute) {
  const std::set<std::string> routed = routes_with_an_object_id(app::server_routes());
  std::set<std::string> rows;
  for (const Row& row : kMatrix) {
    EXPECT_TRUE(rows.insert(row.route()).second) << row.route() << " has two rows";
  }
  for (const auto& route : routed) {
    EXPECT_TRUE(rows.contains(route)) << route << " names an object but has no row in kMatrix: decide who may call it";
  }
  for (const auto& row : rows) EXPECT_TRUE(routed.contains(row)) << row << " has a row but is no longer a route";
}

// One request as a client makes it.
struct Call {
  std::string target;
  std::string body;
  std::string content_type;  // "" without a body
};

Call json_call(std::string target, const json::object& body) {
  return {std::move(target), json::serialize(body), "application/json"};
}

std::string png_1x1() { return test_images::as_string(test_images::png(1, 1)); }

// An answer as a string to compare before and after.
std::string seen(const HttpResult& answer) { return std::to_string(answer.status) + " " + answer.body; }

// A JSON body with one more field.
json::object with_field(json::object body, std::string_view name, const json::value& value) {
  body[name] = value;
  return body;
}

// A JSON body that is valid as it is, who sends it, the fields the server owns that a client might slip in, and how
// to see that nothing happened (empty where the check comes after the whole sweep).
struct BodyCase {
  std::string token;
  std::function<Call()> request;
  json::object owned_fields;  // each with a value a client might try
  std::function<std::string()> state;
};

//! Two hotels and two travellers, and one of each object a route can name: a coupon of the first hotel with an
//! image, a claimed and a used redemption of it, and a finished report.
class AccessMatrix : public RedemptionApiTest {
 protected:
  void SetUp() override {
    olive = owner("olive@harbour.example", "Olive Owner", {.name = "Harbour Hotel"});
    rita = owner("rita@rival.example", "Rita Rival", {.name = "Rival Inn", .city = "Cork"});
    ada = guest("ada@example.com", "Ada Guest");
    tom = guest("tom@example.com", "Tom Traveller");
    coupon_id = create_active(olive.token, "Spa afternoon", 20, {{"quantity", 10}, {"per_user_limit", 5}});
    ASSERT_FALSE(coupon_id.empty());
    ASSERT_EQ(put_image(olive.token, "/api/v1/coupons/" + coupon_id + "/image", png_1x1(), "image/png").status, 200u);
    claimed = redeem_ok(ada.token, coupon_id);
    used = redeem_ok(ada.token, coupon_id);
    ASSERT_FALSE(claimed.empty() || used.empty());
    ASSERT_EQ(use(olive.token, text(used, "code")).status, 200u);
    const auto asked = send(verb::post, "/api/v1/hotelier/reports",
                            R"({"from": "2026-01-01", "to": "2026-01-07", "format": "csv"})", olive.token);
    ASSERT_EQ(asked.status, 202u) << asked.body;
    report_id = json_text(asked.json(), "/report/id");
    ASSERT_TRUE(eventually(30s, 50ms, [&] {
      return json_text(get("/api/v1/hotelier/reports/" + report_id, olive.token).json(), "/status") == "ready";
    })) << "the report never became ready";
  }

  [[nodiscard]] std::string token_of(Owner whose, Actor actor) const {
    switch (actor) {
      case Actor::anonymous:
        return {};
      case Actor::another_traveller:
        return tom.token;
      case Actor::another_hotelier:
        return rita.token;
      case Actor::owner:
        return whose == Owner::hotelier ? olive.token : ada.token;
    }
    return {};
  }

  HttpResult call(verb method, const Call& request, const std::string& token) {
    return send(method, request.target, request.body, token, request.content_type);
  }

  //! A valid request for each route the tests call: the ids of SetUp's objects, a body where the route takes one.
  std::map<std::string, std::function<Call()>> valid_calls() {
    const std::string coupon = "/api/v1/coupons/" + coupon_id;
    const std::string hotel = "/api/v1/hotels/" + olive.hotel_id;
    const std::string claimed_redemption = "/api/v1/redemptions/" + text(claimed, "id");
    const std::string report = "/api/v1/hotelier/reports/" + report_id;
    const std::string code = text(claimed, "code");
    const auto plain = [](std::string target) { return [target] { return Call{target, {}, {}}; }; };
    return {
        {"GET /api/v1/hotels/{id}", plain(hotel)},
        {"PUT /api/v1/hotels/{id}/subscription", plain(hotel + "/subscription")},
        {"DELETE /api/v1/hotels/{id}/subscription", plain(hotel + "/subscription")},
        {"PATCH /api/v1/hotels/mine",
         [] {
           return json_call("/api/v1/hotels/mine", {{"description", "Now with a sauna"}});
         }},
        {"PUT /api/v1/hotels/mine/logo",
         [] {
           return Call{"/api/v1/hotels/mine/logo", png_1x1(), "image/png"};
         }},
        {"POST /api/v1/coupons", [] { return json_call("/api/v1/coupons", coupon_body("Late checkout")); }},
        {"GET /api/v1/coupons/{id}", plain(coupon)},
        {"PATCH /api/v1/coupons/{id}",
         [coupon] {
           return json_call(coupon, {{"title", "Spa evening"}});
         }},
        {"PUT /api/v1/coupons/{id}/image",
         [coupon] {
           return Call{coupon + "/image", png_1x1(), "image/png"};
         }},
        {"GET /api/v1/hotelier/coupons", plain("/api/v1/hotelier/coupons")},
        {"POST /api/v1/coupons/{id}/redeem", plain(coupon + "/redeem")},
        {"GET /api/v1/redemptions/{id}/qr.svg", plain(claimed_redemption + "/qr.svg")},
        {"GET /api/v1/redemptions/{id}/qr.png", plain(claimed_redemption + "/qr.png")},
        {"POST /api/v1/redemptions/{id}/cancel", plain(claimed_redemption + "/cancel")},
        {"POST /api/v1/hotelier/redemptions/lookup",
         [code] {
           return json_call("/api/v1/hotelier/redemptions/lookup", {{"code", code}});
         }},
        {"POST /api/v1/hotelier/redemptions/use",
         [code] {
           return json_call("/api/v1/hotelier/redemptions/use", {{"code", code}});
         }},
        {"POST /api/v1/hotelier/redemptions/{id}/undo",
         [this] {
           return json_call("/api/v1/hotelier/redemptions/" + text(used, "id") + "/undo",
                            {{"reason", "Typed the wrong code"}});
         }},
        {"GET /api/v1/hotelier/desk-log", plain("/api/v1/hotelier/desk-log")},
        {"GET /api/v1/hotelier/stats", plain("/api/v1/hotelier/stats")},
        {"POST /api/v1/hotelier/reports",
         [] {
           return json_call("/api/v1/hotelier/reports",
                            {{"from", "2026-02-01"}, {"to", "2026-02-07"}, {"format", "pdf"}});
         }},
        {"GET /api/v1/hotelier/reports", plain("/api/v1/hotelier/reports")},
        {"GET /api/v1/hotelier/reports/{id}", plain(report)},
        {"GET /api/v1/hotelier/reports/{id}/download", plain(report + "/download")},
        // The image the coupon shows now: the owner's upload in the matrix replaces (and removes) the first one.
        {"GET /media/{folder}/{name}",
         [this, coupon] {
           return Call{json_text(get(coupon, olive.token).json(), "/image_url"), {}, {}};
         }},
    };
  }

  //! For each route with an object id that changes something: the object as its owner reads it.
  std::map<std::string, std::function<std::string()>> owner_reads() {
    const auto coupon = [this] { return seen(get_coupon(olive.token, coupon_id)); };
    const auto hotel = [this] { return seen(get("/api/v1/hotels/" + olive.hotel_id, olive.token)); };
    return {
        {"PATCH /api/v1/coupons/{id}", coupon},
        {"PUT /api/v1/coupons/{id}/image", coupon},
        {"POST /api/v1/coupons/{id}/redeem", coupon},
        {"PUT /api/v1/hotels/{id}/subscription", hotel},
        {"DELETE /api/v1/hotels/{id}/subscription", hotel},
        {"POST /api/v1/redemptions/{id}/cancel", in_wallet(claimed)},
        // The desk's own view of the used code (a lookup changes nothing).
        {"POST /api/v1/hotelier/redemptions/{id}/undo",
         [this] { return seen(lookup(olive.token, text(used, "code"))); }},
    };
  }

  //! The redemption as Ada's wallet shows it.
  std::function<std::string()> in_wallet(const json::object& redemption) {
    return [this, id = text(redemption, "id")] { return json::serialize(wallet_entry(ada.token, id)); };
  }

  //! Everything the hotelier can read of their hotel, coupons, desk and reports (the coupons without their counters,
  //! which the background fold of earlier claims may still be moving).
  std::string hotelier_view() {
    std::string view;
    for (const std::string& target :
         {std::string("/api/v1/me"), "/api/v1/hotels/" + olive.hotel_id, std::string("/api/v1/hotelier/reports"),
          std::string("/api/v1/hotelier/desk-log")}) {
      view += target + ": " + seen(get(target, olive.token)) + "\n";
    }
    for (json::object coupon : hotelier_list_all(olive.token, "limit=100")) {
      coupon.erase("stats");
      view += json::serialize(coupon) + "\n";
    }
    return view + seen(lookup(olive.token, text(claimed, "code")));
  }

  //! For each route that takes a JSON body: a valid call and the fields the server owns. Ada's second session (its
  //! access token and refresh token) is the one the sign-in routes are tried with; `newest_notification` is hers.
  std::map<std::string, BodyCase> body_cases(const std::string& session_token, const std::string& refresh_token,
                                             const std::string& newest_notification) {
    const auto calls = valid_calls();
    const auto reads = owner_reads();
    const auto body_call = [](std::string target, json::object body) {
      return [target, body] { return json_call(target, body); };
    };
    const std::string stamp = "2026-01-01T00:00:00Z";
    return {
        {"POST /api/v1/auth/register",
         BodyCase{{},
                  body_call("/api/v1/auth/register", {{"email", "newcomer@example.com"},
                                                      {"password", kTestPassword},
                                                      {"name", "New Comer"},
                                                      {"role", "user"}}),
                  {{"id", "u-chosen"}, {"created_at", stamp}, {"hotel_id", olive.hotel_id}},
                  [this] {
                    return std::to_string(login(client, "newcomer@example.com", std::string(kTestPassword)).status);
                  }}},
        {"POST /api/v1/auth/login",
         BodyCase{{},
                  body_call("/api/v1/auth/login", {{"email", "ada@example.com"}, {"password", kTestPassword}}),
                  {{"id", "u-chosen"}, {"role", "hotelier"}, {"expires_in", 86400000}},
                  {}}},
        {"POST /api/v1/auth/refresh", BodyCase{{},
                                               body_call("/api/v1/auth/refresh", {{"refresh_token", refresh_token}}),
                                               {{"user_id", tom.user_id}, {"expires_at", "2099-01-01T00:00:00Z"}},
                                               {}}},
        {"POST /api/v1/auth/logout", BodyCase{session_token,
                                              body_call("/api/v1/auth/logout", {{"refresh_token", refresh_token}}),
                                              {{"user_id", tom.user_id}},
                                              {}}},
        {"PATCH /api/v1/hotels/mine",
         BodyCase{
             olive.token,
             calls.at("PATCH /api/v1/hotels/mine"),
             {{"id", "h-chosen"}, {"logo_url", "/media/hotels/x.png"}, {"followers", 1000}, {"active_coupons", 50}},
             [this] { return seen(get("/api/v1/hotels/" + olive.hotel_id, olive.token)); }}},
        {"POST /api/v1/coupons",
         BodyCase{olive.token,
                  calls.at("POST /api/v1/coupons"),
                  {{"id", "c-chosen"},
                   {"hotel_id", rita.hotel_id},
                   {"remaining", 1000},
                   {"redeemed_count", 0},
                   {"image_url", "/media/coupons/x.png"},
                   {"created_at", stamp},
                   {"updated_at", stamp}},
                  [this] { return joined(ids_of(hotelier_list_all(olive.token, "limit=100"))); }}},
        {"PATCH /api/v1/coupons/{id}", BodyCase{olive.token,
                                                calls.at("PATCH /api/v1/coupons/{id}"),
                                                {{"id", "c-chosen"},
                                                 {"hotel_id", rita.hotel_id},
                                                 {"hotel", json::object{{"id", rita.hotel_id}}},
                                                 {"remaining", 1000},
                                                 {"redeemed_count", 0},
                                                 {"image_url", "/media/coupons/x.png"},
                                                 {"created_at", stamp},
                                                 {"updated_at", stamp}},
                                                reads.at("PATCH /api/v1/coupons/{id}")}},
        {"POST /api/v1/hotelier/redemptions/lookup", BodyCase{olive.token,
                                                              calls.at("POST /api/v1/hotelier/redemptions/lookup"),
                                                              {{"hotel_id", rita.hotel_id}, {"status", "used"}},
                                                              in_wallet(claimed)}},
        {"POST /api/v1/hotelier/redemptions/use", BodyCase{olive.token,
                                                           calls.at("POST /api/v1/hotelier/redemptions/use"),
                                                           {{"id", text(used, "id")},
                                                            {"status", "used"},
                                                            {"used_at", stamp},
                                                            {"used_by", rita.user_id},
                                                            {"hotel_id", rita.hotel_id}},
                                                           in_wallet(claimed)}},
        {"POST /api/v1/hotelier/redemptions/{id}/undo",
         BodyCase{olive.token,
                  calls.at("POST /api/v1/hotelier/redemptions/{id}/undo"),
                  {{"status", "redeemed"}, {"used_at", nullptr}, {"id", text(claimed, "id")}},
                  in_wallet(used)}},
        {"POST /api/v1/me/notifications/read",
         BodyCase{ada.token,
                  body_call("/api/v1/me/notifications/read", {{"up_to", newest_notification}}),
                  {{"read", true}, {"user_id", tom.user_id}, {"created_at", stamp}},
                  [this] { return seen(get("/api/v1/me/notifications", ada.token)); }}},
        {"POST /api/v1/interactions",
         BodyCase{ada.token,
                  body_call("/api/v1/interactions",
                            {{"events", json::array{json::object{{"coupon_id", coupon_id}, {"action", "view"}}}}}),
                  {{"user_id", tom.user_id}, {"received_at", stamp}},
                  {}}},
        {"POST /api/v1/hotelier/reports",
         BodyCase{olive.token,
                  calls.at("POST /api/v1/hotelier/reports"),
                  {{"id", "r-chosen"},
                   {"status", "ready"},
                   {"created_at", stamp},
                   {"finished_at", stamp},
                   {"download_url", "/elsewhere"}},
                  [this] { return seen(get("/api/v1/hotelier/reports", olive.token)); }}},
    };
  }

  Hotelier olive;  // owns the hotel, the coupon and the report
  Hotelier rita;   // another hotel's hotelier
  Traveller ada;   // claimed the redemptions
  Traveller tom;   // another traveller
  std::string coupon_id;
  json::object claimed;  // Ada's, ready to use
  json::object used;     // Ada's, used at Olive's desk
  std::string report_id;
};

TEST_F(AccessMatrix, EachCallerGetsWhatTheContractSaysAndARefusalChangesNothing) {
  const auto calls = valid_calls();
  const auto reads = owner_reads();
  for (const Row& row : kMatrix) {
    const std::string route = row.route();
    const auto request = calls.find(route);
    if (request == calls.end()) {
      ADD_FAILURE() << route << " has a row but no request to make: add one to valid_calls()";
      continue;
    }
    const bool changes_things = row.method != verb::get;
    const auto read = reads.find(route);
    if (changes_things && read == reads.end()) {
      ADD_FAILURE() << route << " changes things but has no way to read its object back: add one to owner_reads()";
      continue;
    }
    for (const Actor actor : kActors) {
      const unsigned expected = row.expected(actor);
      const bool refused = expected >= 400;
      const std::string before = changes_things && refused ? read->second() : "";
      const HttpResult answer = call(row.method, request->second(), token_of(row.owner, actor));
      EXPECT_EQ(answer.status, expected) << route << " called by " << name_of(actor) << " (" << row.why
                                         << "): " << answer.body.substr(0, 300);
      if (changes_things && refused) {
        EXPECT_EQ(read->second(), before) << route << " refused " << name_of(actor) << " but the object changed";
      }
    }
  }
}

TEST_F(AccessMatrix, ATravellersTokenOnEveryHotelierRouteIsForbiddenAndChangesNothing) {
  const auto calls = valid_calls();
  int hotelier_routes = 0;
  for (const auto& route : app::server_routes()) {
    if (route.access != net::Access::hotelier) continue;
    ++hotelier_routes;
    const std::string key = route_key(route.method, route.pattern);
    const auto request = calls.find(key);
    if (request == calls.end()) {
      ADD_FAILURE() << key << " is a hotelier route without a valid request: add one to valid_calls()";
      continue;
    }
    const std::string before = hotelier_view();
    const HttpResult answer = call(route.method, request->second(), ada.token);
    EXPECT_EQ(answer.status, 403u) << key << " with a traveller's token: " << answer.body.substr(0, 300);
    EXPECT_EQ(answer.error_code(), "forbidden") << key;
    EXPECT_EQ(hotelier_view(), before) << key << " refused a traveller but the hotelier's data changed";
  }
  EXPECT_GT(hotelier_routes, 0) << "the route table has no hotelier route";
}

TEST_F(AccessMatrix, ServerOwnedFieldsInAnyBodyAreRefusedByNameAndChangeNothing) {
  // A session of Ada's of its own: its refresh token must still work after the refused refreshes and sign-outs.
  const auto session = login(client, "ada@example.com", std::string(kTestPassword)).json();
  const std::string refresh_token = json_text(session, "/refresh_token");
  // A notification of Ada's to mark read: her code was used at the desk in SetUp.
  const auto inbox = inbox_when(ada.token, 1);
  ASSERT_FALSE(inbox.empty()) << "Ada was never told her code was used";
  const auto cases = body_cases(json_text(session, "/access_token"), refresh_token, text(inbox.front(), "id"));

  for (const auto& route : app::server_routes()) {
    if (route.body != net::BodyKind::json || route.method == verb::get) continue;
    const std::string key = route_key(route.method, route.pattern);
    const auto found = cases.find(key);
    if (found == cases.end()) {
      ADD_FAILURE() << key << " takes a JSON body but has no case here: list the fields the server owns";
      continue;
    }
    const BodyCase& body_case = found->second;
    const Call valid = body_case.request();
    const json::object valid_body = json::parse(valid.body).as_object();
    for (const auto& [field, value] : body_case.owned_fields) {
      const std::string before = body_case.state ? body_case.state() : "";
      const HttpResult answer =
          send(route.method, valid.target, json::serialize(with_field(valid_body, field, value)), body_case.token);
      EXPECT_EQ(answer.status, 400u) << key << " with " << field << ": " << answer.body.substr(0, 300);
      EXPECT_EQ(answer.error_code(), "validation_failed") << key << " with " << field;
      EXPECT_EQ(joined(detail_fields(answer)), field) << key << " with " << field << ": " << answer.body;
      EXPECT_TRUE(answer.all("Set-Cookie").empty()) << key << " with " << field << " set a cookie";
      if (body_case.state) {
        EXPECT_EQ(body_case.state(), before) << key << " refused " << field << " but something changed";
      }
    }
  }

  // What the sweep cannot read back call by call. The refresh token was neither rotated nor revoked:
  EXPECT_EQ(client.post("/api/v1/auth/refresh", json::serialize(json::object{{"refresh_token", refresh_token}})).status,
            200u);
  // No refused batch was counted: one valid view makes the hotel's views exactly one.
  ASSERT_EQ(call(verb::post, cases.at("POST /api/v1/interactions").request(), ada.token).status, 202u);
  const auto stats = stats_when(olive.token, 1);
  EXPECT_EQ(stats.at("totals").at("views").as_int64(), 1) << json::serialize(stats);
}

}  // namespace
}  // namespace hc::test
