// The real-time socket at /api/v1/ws, driven by a real WebSocket client: signing in by the first frame, the
// Origin check, the limits and close codes, live notifications on every socket of a traveller, the replay of
// what a client missed, a client that never reads, and interactions sent over the socket.
#include "data_dir.hpp"
#include "redemption_fixture.hpp"
#include "ws_client.hpp"

#include "app/secrets.hpp"
#include "auth/jwt.hpp"

#include <gtest/gtest.h>

#include <csignal>

namespace hc::test {
namespace {

using namespace std::chrono_literals;

class Live : public RedemptionApiTest {
 protected:
  //! A socket signed in as the token's account; fails the test unless the server answered `ready`.
  std::unique_ptr<WsClient> signed_in(const std::string& token, const std::string& resume_after = {}) {
    auto socket = std::make_unique<WsClient>(server.port());
    const auto answer = socket->sign_in(token, resume_after);
    EXPECT_TRUE(answer && text(*answer, "type") == "ready") << (answer ? json::serialize(*answer) : "no answer");
    return socket;
  }

  //! An access token for the account that expires in `lifetime`, signed with the server's own key.
  std::string short_lived_token(const std::string& user_id, std::chrono::seconds lifetime) {
    const auth::JwtCodec codec(app::load_token_key(server.data_dir() / "secrets" / "jwt.key", false), "hotelcoupon",
                               "hotelcoupon-api");
    const auto now = std::chrono::floor<std::chrono::seconds>(std::chrono::system_clock::now());
    return codec.sign({user_id, "user", "test-session", now, now + lifetime});
  }
};

TEST_F(Live, TheFirstFrameSignsInAndPingsAreAnswered) {
  const Traveller fan = guest("fan@example.com", "Fran Fan");
  auto socket = signed_in(fan.token);
  socket->send(R"({"type":"ping"})");
  const auto pong = socket->next_json();
  ASSERT_TRUE(pong);
  EXPECT_EQ(text(*pong, "type"), "pong");
  // Nonsense after signing in is answered with an error frame; the socket stays open.
  socket->send("not json");
  const auto error = socket->next_json();
  ASSERT_TRUE(error);
  EXPECT_EQ(text(*error, "type"), "error");
  EXPECT_EQ(json_text(*error, "/error/code"), "malformed_json");
  socket->send(R"({"type":"dance"})");
  EXPECT_EQ(json_text(*socket->next_json(), "/error/code"), "bad_request");
  socket->send(R"({"type":"ping"})");
  EXPECT_TRUE(socket->next_of_type("pong"));
}

TEST_F(Live, APlainGetIsToldToUpgrade) {
  const HttpResult answer = get("/api/v1/ws", "");
  EXPECT_EQ(answer.status, 426u);
  EXPECT_EQ(answer.error_code(), "upgrade_required");
  EXPECT_EQ(answer.header("Upgrade"), "websocket");
}

TEST_F(Live, AForeignOriginIsClosedWithPolicyViolation) {
  WsClient foreign(server.port(), {.origin = "https://evil.example", .read = true, .receive_buffer_bytes = 0});
  const auto closed = foreign.wait_closed();
  ASSERT_TRUE(closed) << "the socket stayed open";
  EXPECT_EQ(closed->code, 1008);
  EXPECT_NE(closed->reason.find("Origin"), std::string::npos) << closed->reason;

  // The server's own origin is welcome.
  const Traveller fan = guest("fan@example.com", "Fran Fan");
  WsClient own(server.port(), {.origin = "http://127.0.0.1:" + std::to_string(server.port()), .read = true, .receive_buffer_bytes = 0});
  const auto ready = own.sign_in(fan.token);
  ASSERT_TRUE(ready);
  EXPECT_EQ(text(*ready, "type"), "ready");
}

TEST_F(Live, ASocketThatNeverSignsInIsClosedAfterTenSeconds) {
  WsClient silent(server.port());
  EXPECT_FALSE(silent.wait_closed(8s)) << "closed too early";
  const auto closed = silent.wait_closed(5s);
  ASSERT_TRUE(closed) << "still open after 13 s";
  EXPECT_EQ(closed->code, 4408);
}

TEST_F(Live, AWrongFirstFrameOrABadTokenIsRefused) {
  WsClient chatty(server.port());
  chatty.send(R"({"type":"ping"})");
  const auto not_auth = chatty.wait_closed();
  ASSERT_TRUE(not_auth);
  EXPECT_EQ(not_auth->code, 1008);

  WsClient forger(server.port());
  forger.send(R"({"type":"auth","token":"eyJhbGciOiJIUzI1NiJ9.e30.c2lnbmF0dXJl"})");
  const auto bad_token = forger.wait_closed();
  ASSERT_TRUE(bad_token);
  EXPECT_EQ(bad_token->code, 4401);

  // Both are refusals, logged as warnings (as a 401 is) with where they came from; never with the token.
  const std::string log = server.log();
  for (const char* code : {R"("close_code":1008)", R"("close_code":4401)"}) {
    const auto line_start = log.rfind('\n', log.find(code)) + 1;
    const std::string line = log.substr(line_start, log.find('\n', line_start) - line_start);
    EXPECT_NE(line.find(R"("level":"warning","msg":"socket sign-in refused")"), std::string::npos) << log;
    EXPECT_NE(line.find(R"("client":"127.0.0.1")"), std::string::npos) << line;
  }
  EXPECT_EQ(log.find("c2lnbmF0dXJl"), std::string::npos) << "the log holds the token";
}

TEST_F(Live, AMessageOver64KiBClosesWith1009) {
  const Traveller fan = guest("fan@example.com", "Fran Fan");
  auto socket = signed_in(fan.token);
  // Just under the limit is fine.
  socket->send(R"({"type":"ping","padding":")" + std::string(60 * 1024, 'x') + R"("})");
  EXPECT_TRUE(socket->next_of_type("pong"));
  socket->send(R"({"type":"ping","padding":")" + std::string(65 * 1024, 'x') + R"("})");
  const auto closed = socket->wait_closed();
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->code, 1009);
}

TEST_F(Live, AnExpiredTokenClosesTheSocketWith4401UnlessItIsRenewed) {
  const Traveller fan = guest("fan@example.com", "Fran Fan");
  WsClient expiring(server.port());
  ASSERT_TRUE(expiring.sign_in(short_lived_token(fan.user_id, 2s)));
  const auto closed = expiring.wait_closed(6s);
  ASSERT_TRUE(closed) << "the socket outlived its token";
  EXPECT_EQ(closed->code, 4401);

  // A fresh token sent on the socket extends its life.
  WsClient renewed(server.port());
  ASSERT_TRUE(renewed.sign_in(short_lived_token(fan.user_id, 2s)));
  const auto again = renewed.sign_in(fan.token);
  ASSERT_TRUE(again);
  EXPECT_EQ(text(*again, "type"), "ready");
  EXPECT_FALSE(renewed.wait_closed(4s)) << "closed although the token was renewed";
  renewed.send(R"({"type":"ping"})");
  EXPECT_TRUE(renewed.next_of_type("pong"));
}

TEST_F(Live, BothSocketsOfATravellerGetANewCouponWithinASecond) {
  const Hotelier hotel = owner("owner@hotel.example", "Olive Owner");
  const Traveller fan = guest("fan@example.com", "Fran Fan");
  const Traveller stranger = guest("stranger@example.com", "Sam Stranger");
  ASSERT_EQ(follow(fan.token, hotel.hotel_id).status, 200u);
  auto phone = signed_in(fan.token);
  auto laptop = signed_in(fan.token);
  auto other = signed_in(stranger.token);

  const auto posted = std::chrono::steady_clock::now();
  const std::string coupon_id = create_active(hotel.token, "Harbour breakfast", 30);
  for (WsClient* socket : {phone.get(), laptop.get()}) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(posted + 1s - std::chrono::steady_clock::now());
    const auto message = socket->next_of_type("notification", std::max(left, 1ms));
    ASSERT_TRUE(message) << "no notification within a second of the POST";
    const json::object& notification = message->at("notification").as_object();
    EXPECT_EQ(text(notification, "kind"), "coupon.created");
    EXPECT_EQ(json_text(notification, "/data/coupon_id"), coupon_id);
  }
  EXPECT_FALSE(other->next_of_type("notification", 500ms)) << "a traveller who does not follow the hotel was told";
}

TEST_F(Live, TheDeskUsingACodeTellsTheTravellerWithinASecond) {
  const Hotelier hotel = owner("owner@hotel.example", "Olive Owner");
  const Traveller fan = guest("fan@example.com", "Fran Fan");
  const std::string coupon_id = create_active(hotel.token, "Spa afternoon", 25);
  const json::object claim = redeem_ok(fan.token, coupon_id);
  auto socket = signed_in(fan.token);

  const auto used_at = std::chrono::steady_clock::now();
  ASSERT_EQ(use(hotel.token, text(claim, "code")).status, 200u);
  const auto message = socket->next_of_type("notification", 1s);
  ASSERT_TRUE(message) << "no notification within a second of the use";
  EXPECT_LT(std::chrono::steady_clock::now() - used_at, 1100ms);
  const json::object& notification = message->at("notification").as_object();
  EXPECT_EQ(text(notification, "kind"), "coupon.used");
  EXPECT_EQ(json_text(notification, "/data/redemption_id"), text(claim, "id"));
}

TEST_F(Live, AReconnectWithResumeAfterGetsWhatItMissedInOrderThenLiveOnes) {
  const Hotelier hotel = owner("owner@hotel.example", "Olive Owner");
  const Traveller fan = guest("fan@example.com", "Fran Fan");
  ASSERT_EQ(follow(fan.token, hotel.hotel_id).status, 200u);
  std::string last_seen;
  {
    auto socket = signed_in(fan.token);
    create_active(hotel.token, "First news", 10);
    const auto first = socket->next_of_type("notification");
    ASSERT_TRUE(first);
    last_seen = json_text(*first, "/notification/id");
  }
  // Offline: two more coupons reach the inbox.
  const std::string second = create_active(hotel.token, "Second news", 20);
  const std::string third = create_active(hotel.token, "Third news", 30);
  ASSERT_EQ(inbox_when(fan.token, 3).size(), 3u);

  auto socket = signed_in(fan.token, last_seen);
  const auto replay_one = socket->next_of_type("notification");
  const auto replay_two = socket->next_of_type("notification");
  ASSERT_TRUE(replay_one && replay_two) << "the missed notifications were not replayed";
  EXPECT_EQ(json_text(*replay_one, "/notification/data/coupon_id"), second);
  EXPECT_EQ(json_text(*replay_two, "/notification/data/coupon_id"), third);
  EXPECT_LT(std::stoll(last_seen), std::stoll(json_text(*replay_one, "/notification/id")));
  EXPECT_LT(std::stoll(json_text(*replay_one, "/notification/id")), std::stoll(json_text(*replay_two, "/notification/id")));

  // Then live ones, and nothing twice.
  const std::string fourth = create_active(hotel.token, "Fourth news", 40);
  const auto live = socket->next_of_type("notification");
  ASSERT_TRUE(live);
  EXPECT_EQ(json_text(*live, "/notification/data/coupon_id"), fourth);
  EXPECT_FALSE(socket->next_of_type("notification", 500ms));
}

TEST_F(Live, AClientThatNeverReadsIsCutOffWhileAnotherKeepsReceiving) {
  const Hotelier hotel = owner("owner@hotel.example", "Olive Owner");
  const Traveller fan = guest("fan@example.com", "Fran Fan");
  ASSERT_EQ(follow(fan.token, hotel.hotel_id).status, 200u);
  auto reader = signed_in(fan.token);

  // Signs in, then asks for pong after pong and never reads one.
  WsClient sleeper(server.port(), {.origin = {}, .read = false, .receive_buffer_bytes = 4096});
  sleeper.send(json::serialize(json::object{{"type", "auth"}, {"token", fan.token}}));
  // The kernel's buffers take a few MB of pongs before the server's own queue fills: about a second on the release
  // build, most of a minute on the sanitizer build (ASan with libFuzzer's coverage counters on every branch).
  EXPECT_TRUE(sleeper.ping_until_cut_off(5'000'000, 120s)) << "the server kept a client that never reads";

  const std::string coupon_id = create_active(hotel.token, "Still flowing", 15);
  const auto message = reader->next_of_type("notification", 2s);
  ASSERT_TRUE(message) << "the reading client stopped receiving";
  EXPECT_EQ(json_text(*message, "/notification/data/coupon_id"), coupon_id);
  EXPECT_NE(server.log().find("socket cut off"), std::string::npos);
}

TEST_F(Live, ViewsSentOverTheSocketShowUpInTheStatsWithinTwoSeconds) {
  const Hotelier hotel = owner("owner@hotel.example", "Olive Owner");
  const Traveller fan = guest("fan@example.com", "Fran Fan");
  const std::string coupon_id = create_active(hotel.token, "Rooftop brunch", 20);
  auto socket = signed_in(fan.token);
  for (int i = 0; i < 5; ++i) {
    socket->send(json::serialize(json::object{{"type", "interaction"}, {"coupon_id", coupon_id}, {"action", "view"}}));
  }
  // A malformed one is dropped without harm to the others.
  socket->send(R"({"type":"interaction","coupon_id":")" + coupon_id + R"(","action":"purchase"})");
  const std::int64_t views = stats_when(hotel.token, 5, 0, {}, 2s).at("totals").at("views").as_int64();
  EXPECT_EQ(views, 5) << "the views did not reach the stats within two seconds";
  std::this_thread::sleep_for(1200ms);
  EXPECT_EQ(get("/api/v1/hotelier/stats", hotel.token).json().at("totals").at("views").as_int64(), 5);
}

TEST_F(Live, TheOwnersSocketsAreToldTheirStatisticsChangedAndNobodyElsesAre) {
  const Hotelier hotel = owner("owner@hotel.example", "Olive Owner");
  const Hotelier rival = owner("rival@hotel.example", "Rita Rival");
  const Traveller fan = guest("fan@example.com", "Fran Fan");
  const std::string coupon_id = create_active(hotel.token, "Rooftop brunch", 20);
  auto desk = signed_in(hotel.token);
  auto other_hotel = signed_in(rival.token);
  auto traveller = signed_in(fan.token);
  traveller->send(json::serialize(json::object{{"type", "interaction"}, {"coupon_id", coupon_id}, {"action", "view"}}));

  const auto hint = desk->next_of_type("stats.changed", 3s);
  ASSERT_TRUE(hint) << "the owner's dashboard was not told within three seconds";
  // By the time the hint arrives the view is counted: reading the stats then shows it.
  EXPECT_EQ(get("/api/v1/hotelier/stats", hotel.token).json().at("totals").at("views").as_int64(), 1);
  // A claim is counted the same way and hints again.
  redeem_ok(fan.token, coupon_id);
  EXPECT_TRUE(desk->next_of_type("stats.changed", 3s)) << "a claim did not hint";
  EXPECT_FALSE(other_hotel->next_of_type("stats.changed", 500ms)) << "another hotel was told";
  EXPECT_FALSE(traveller->next_of_type("stats.changed", 100ms)) << "the traveller was told";
}

TEST(LiveShutdown, OpenSocketsAreToldTheServerIsGoingAway) {
  ServerProcess server;
  HttpClient client(server.port());
  WsClient socket(server.port());
  ASSERT_TRUE(socket.sign_in(sign_up(client, "fan@example.com")));
  server.send_signal(SIGTERM);
  const auto closed = socket.wait_closed();
  ASSERT_TRUE(closed);
  EXPECT_EQ(closed->code, 1001);
  EXPECT_EQ(server.wait_for_exit(10s), 0);
}

// Events that were committed but not yet delivered when the server was killed, read from its database file.
std::int64_t undelivered_events(const std::filesystem::path& data_dir) {
  sqlite::Connection db = open_database(data_dir);
  auto& query = db.prepare("SELECT count(*) FROM outbox WHERE sent_at IS NULL");
  query.step();
  return query.int64(0);
}

TEST(LiveRestart, EventsCommittedJustBeforeAKillAreDeliveredAfterTheRestart) {
  const TempDir dir;
  std::optional<ServerProcess> server(std::in_place, ExistingDataDir{dir.path()});
  const std::string hotelier = sign_up(HttpClient(server->port()), "owner@hotel.example", "hotelier");
  const std::string fan = sign_up(HttpClient(server->port()), "fan@example.com");
  const auto create_active = [&](const std::string& title) {
    const HttpResult made = HttpClient(server->port())
                                .post("/api/v1/coupons", json::serialize(coupon_body(title, 20, {{"status", "active"}})),
                                      hotelier);
    EXPECT_EQ(made.status, 201u) << made.body;
    return made.json().as_object();
  };
  const std::string hotel_id = json_text(create_active("Before following"), "/hotel/id");
  const HttpResult followed = HttpClient(server->port())
                                  .request(boost::beast::http::verb::put, "/api/v1/hotels/" + hotel_id + "/subscription",
                                           {}, {{"Authorization", "Bearer " + fan}});
  ASSERT_EQ(followed.status, 200u) << followed.body;

  // Each round: a coupon is published, and the server is killed the moment the 201 arrives. The outbox is woken
  // by the publish, so the kill often comes after the delivery: five rounds, and more (up to twenty) until one
  // kill has come between a commit and its delivery.
  std::vector<std::string> published;
  int killed_before_delivery = 0;
  for (int round = 1; round <= 20 && (round <= 5 || killed_before_delivery == 0); ++round) {
    published.push_back(json_text(create_active("News " + std::to_string(round)), "/id"));
    EXPECT_EQ(server->stop(SIGKILL), 128 + SIGKILL);
    killed_before_delivery += undelivered_events(dir.path()) > 0 ? 1 : 0;
    server.emplace(ExistingDataDir{dir.path()});
  }
  EXPECT_GT(killed_before_delivery, 0) << "no kill came between a commit and its delivery: the test proved nothing";

  // A socket that resumes from the beginning gets every coupon's notification, in order, once.
  WsClient socket(server->port());
  const auto ready = socket.sign_in(fan, "0");
  ASSERT_TRUE(ready && text(*ready, "type") == "ready");
  for (const std::string& coupon_id : published) {
    const auto message = socket.next_of_type("notification", 5s);
    ASSERT_TRUE(message) << "a notification was lost across the kill";
    EXPECT_EQ(json_text(*message, "/notification/data/coupon_id"), coupon_id);
  }
  EXPECT_FALSE(socket.next_of_type("notification", 500ms)) << "a notification came twice";
}

}  // namespace
}  // namespace hc::test
