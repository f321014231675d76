// Several nodes on the shared engines, as deploy/ lays them out: PostgreSQL, Redis and an S3 store (s3rver), two
// `serve` nodes (no background work) and one `worker`, with nginx in front using the deployed proxy configuration.
// The fixture's own server is node A; every request goes through nginx unless a test says otherwise.
#include "nginx_server.hpp"
#include "postgres_server.hpp"
#include "redemption_fixture.hpp"
#include "redis_server.hpp"
#include "s3_server.hpp"
#include "ws_client.hpp"

#include <gtest/gtest.h>

#include <csignal>
#include <fstream>
#include <regex>

namespace hc::test {
namespace {

using namespace std::chrono_literals;
using http_verb = boost::beast::http::verb;

// Started before node A (a base is built before the class that derives from it): the engines every process
// shares, and the files they share (the token key, so that a token from one node passes on the other; the S3 keys).
struct SharedEnginesFirst {
  SharedEnginesFirst() {
    std::ofstream(files.path() / "jwt.key") << std::string(64, 'a') << "\n";
    std::ofstream(files.path() / "s3") << "access_key = " << S3Server::kAccessKey
                                       << "\nsecret_key = " << S3Server::kSecretKey << "\n";
  }

  //! The flags of every process: the shared engines, and no background work on serve nodes (the worker's).
  std::vector<std::string> node_flags() const {
    return {"--database-url", database_url, "--redis-url", redis.url(), "--storage-url", s3.url(),
            "--s3-credentials-file", (files.path() / "s3").string(), "--jwt-secret-file",
            (files.path() / "jwt.key").string(), "--trust-proxy", "true", "--background", "false"};
  }

  std::string database_url = shared_postgres().create_database();
  RedisServer redis;
  S3Server s3;
  TempDir files;
};

class MultiNode : protected SharedEnginesFirst, public RedemptionApiTest {
 protected:
  MultiNode()
      : RedemptionApiTest(node_flags()),
        node_b(node_flags()),
        worker(ServerProcess::Worker{}, node_flags()),
        nginx({server.port(), node_b.port()}) {
    client = HttpClient(nginx.port());
  }

  void TearDown() override {
    RedemptionApiTest::TearDown();
    static const std::regex five_hundred(R"("status":5\d\d)");
    EXPECT_FALSE(std::regex_search(node_b.log(), five_hundred)) << "node B logged a 5xx answer:\n" << node_b.log();
    EXPECT_EQ(worker.log().find(R"("level":"error")"), std::string::npos) << "the worker failed:\n" << worker.log();
    // The shared engines' passwords never reach a log.
    const std::string redis_password = redis.url().substr(9, redis.url().find('@') - 9);
    for (const std::string& log : {server.log(), node_b.log(), worker.log()}) {
      EXPECT_EQ(log.find(shared_postgres().password()), std::string::npos) << "the database password was logged";
      EXPECT_EQ(log.find(redis_password), std::string::npos) << "the Redis password was logged";
    }
  }

  //! A hotelier, and a traveller who follows the hotel (an empty token after a recorded failure).
  std::pair<Hotelier, Traveller> hotel_and_follower() {
    Hotelier hotel = owner("owner@harbour.example", "Olive Owner");
    Traveller fan = guest("fan@example.com", "Fran Fan");
    if (follow(fan.token, hotel.hotel_id).status != 200u) {
      ADD_FAILURE() << "the traveller could not follow the hotel";
      fan.token.clear();
    }
    return {hotel, fan};
  }

  //! Signed-in sockets on the node at this port (its hc_websocket_sessions gauge).
  static int sessions_on(std::uint16_t port) {
    static const std::regex gauge(R"(\nhc_websocket_sessions (\d+))");
    const std::string text = HttpClient(port).get("/metrics").body;
    std::smatch match;
    return std::regex_search(text, match, gauge) ? std::stoi(match[1]) : -1;
  }

  //! The port of the node that holds the one signed-in socket, or 0 if none does within 5 s.
  std::uint16_t node_holding_the_socket() {
    std::uint16_t holder = 0;
    eventually(5s, 50ms, [&] {
      for (const std::uint16_t port : {server.port(), node_b.port()}) {
        if (sessions_on(port) == 1) holder = port;
      }
      return holder != 0;
    });
    return holder;
  }

  //! Runs `call` with the client talking to the node at `port` directly instead of nginx.
  template <class F>
  auto through_node(std::uint16_t port, F&& call) {
    client = HttpClient(port);
    auto result = call();
    client = HttpClient(nginx.port());
    return result;
  }

  //! How many claims a node's log shows it answered.
  static long claims_logged(const std::string& log) {
    static const std::regex claim(R"re("method":"POST","path":"/api/v1/coupons/[^"]+/redeem")re");
    return std::distance(std::sregex_iterator(log.begin(), log.end(), claim), std::sregex_iterator());
  }

  //! Waits for the next notification on the socket and returns its id, after checking its kind and coupon.
  static std::string expect_coupon_created(WsClient& socket, const std::string& coupon_id,
                                           std::chrono::milliseconds timeout = 5s) {
    const auto message = socket.next_of_type("notification", timeout);
    if (!message) {
      ADD_FAILURE() << "no notification for coupon " << coupon_id;
      return {};
    }
    const json::object& notification = message->at("notification").as_object();
    EXPECT_EQ(text(notification, "kind"), "coupon.created");
    EXPECT_EQ(json_text(notification, "/data/coupon_id"), coupon_id);
    return text(notification, "id");
  }

  ServerProcess node_b;
  ServerProcess worker;
  NginxServer nginx;
};

TEST_F(MultiNode, ACouponCreatedThroughOneNodeReachesATravellerConnectedThroughNginxToTheOther) {
  const auto [hotel, fan] = hotel_and_follower();
  ASSERT_FALSE(fan.token.empty());
  WsClient socket(nginx.port());
  ASSERT_TRUE(socket.sign_in(fan.token));
  const std::uint16_t holder = node_holding_the_socket();
  ASSERT_NE(holder, 0) << "neither node counts the socket";
  const std::uint16_t other = holder == server.port() ? node_b.port() : server.port();

  // The token by an init-capture: clang 14 (the sanitizer build) cannot capture a structured binding.
  const std::string coupon_id =
      through_node(other, [this, &token = hotel.token] { return create_active(token, "Harbour breakfast"); });
  ASSERT_FALSE(coupon_id.empty());
  expect_coupon_created(socket, coupon_id);
  EXPECT_EQ(inbox_when(fan.token, 1).size(), 1U);
}

TEST_F(MultiNode, TwoHundredTravellersClaimingTwentyThroughBothNodesGetExactlyTwenty) {
  const Hotelier hotel = owner("owner@harbour.example", "Olive Owner");
  const std::string coupon_id = create_active(hotel.token, "Flash sale", 50, {{"quantity", 20}});
  ASSERT_FALSE(coupon_id.empty());
  const std::vector<Traveller> people = crowd(200);
  std::vector<BurstRequest> claims;
  for (const Traveller& person : people) {
    claims.push_back({http_verb::post, "/api/v1/coupons/" + coupon_id + "/redeem", {}, person.token, {}});
  }
  const std::vector<HttpResult> answers = all_at_once(claims);
  int granted = 0;
  int sold_out = 0;
  for (const HttpResult& answer : answers) {
    granted += answer.status == 201;
    sold_out += answer.status == 409 && answer.error_code() == "sold_out";
  }
  EXPECT_EQ(granted, 20) << summary(answers);
  EXPECT_EQ(sold_out, 180) << summary(answers);
  EXPECT_EQ(remaining(hotel.token, coupon_id), 0);
  EXPECT_GT(claims_logged(server.log()), 0) << "nginx sent no claim to node A";
  EXPECT_GT(claims_logged(node_b.log()), 0) << "nginx sent no claim to node B";
}

TEST_F(MultiNode, WhenTheNodeHoldingItsSocketIsKilledTheClientReconnectsThroughNginxAndMissesNothing) {
  const auto [hotel, fan] = hotel_and_follower();
  ASSERT_FALSE(fan.token.empty());
  auto socket = std::make_unique<WsClient>(nginx.port());
  ASSERT_TRUE(socket->sign_in(fan.token));
  const std::string first = create_active(hotel.token, "Before the crash");
  const std::string seen = expect_coupon_created(*socket, first);
  ASSERT_FALSE(seen.empty());

  const std::uint16_t holder = node_holding_the_socket();
  ASSERT_NE(holder, 0);
  ServerProcess& victim = holder == server.port() ? server : node_b;
  EXPECT_EQ(victim.stop(SIGKILL), 128 + SIGKILL);
  EXPECT_TRUE(socket->wait_closed(5s)) << "the socket outlived its node";
  socket.reset();

  // Meanwhile the hotel publishes twice, through whichever node is left.
  const std::string second = create_active(hotel.token, "During the outage");
  const std::string third = create_active(hotel.token, "Still during the outage");
  ASSERT_FALSE(second.empty());
  ASSERT_FALSE(third.empty());
  ASSERT_EQ(inbox_when(fan.token, 3).size(), 3U) << "the worker did not deliver to the inbox";

  WsClient again(nginx.port());
  const auto ready = again.sign_in(fan.token, seen);
  ASSERT_TRUE(ready) << "the client could not reconnect through nginx";
  expect_coupon_created(again, second);
  expect_coupon_created(again, third);
  const std::string fourth = create_active(hotel.token, "After the reconnect");
  expect_coupon_created(again, fourth);
}

// A coupon published a moment before the node holding the socket dies: its live copy may reach the client before
// the socket closes, or not. Either way, after reconnecting with resume_after the client has it exactly once.
TEST_F(MultiNode, ANotificationInFlightWhenItsNodeIsKilledReachesTheClientExactlyOnce) {
  const auto [hotel, fan] = hotel_and_follower();
  ASSERT_FALSE(fan.token.empty());
  auto socket = std::make_unique<WsClient>(nginx.port());
  ASSERT_TRUE(socket->sign_in(fan.token));
  std::string last_seen = expect_coupon_created(*socket, create_active(hotel.token, "Before the crash"));
  ASSERT_FALSE(last_seen.empty());
  const std::uint16_t holder = node_holding_the_socket();
  ASSERT_NE(holder, 0);

  const std::string racing = create_active(hotel.token, "Published as the node dies");
  ASSERT_FALSE(racing.empty());
  EXPECT_EQ((holder == server.port() ? server : node_b).stop(SIGKILL), 128 + SIGKILL);
  std::vector<std::string> received;  // the coupons of every notification the client gets, in order
  const auto take_all = [&](WsClient& from, std::chrono::milliseconds quiet) {
    while (const auto message = from.next_of_type("notification", quiet)) {
      const json::object& notification = message->at("notification").as_object();
      received.push_back(json_text(notification, "/data/coupon_id"));
      last_seen = text(notification, "id");
    }
  };
  take_all(*socket, 1s);
  socket.reset();
  ASSERT_EQ(inbox_when(fan.token, 2).size(), 2U) << "the worker did not deliver to the inbox";

  WsClient again(nginx.port());
  ASSERT_TRUE(again.sign_in(fan.token, last_seen)) << "the client could not reconnect through nginx";
  take_all(again, 2s);
  EXPECT_EQ(received, std::vector<std::string>{racing});
}

TEST_F(MultiNode, ViewsSentToBothNodesAreCountedOnceByTheWorkerThroughTheRedisStream) {
  const Hotelier hotel = owner("owner@harbour.example", "Olive Owner");
  const Traveller fan = guest("fan@example.com", "Fran Fan");
  const Traveller other = guest("other@example.com", "Otto Other");
  const std::string coupon_id = create_active(hotel.token, "Rooftop brunch");
  const auto view = [&](const std::string& id) {
    return json::object{{"id", id}, {"coupon_id", coupon_id}, {"action", "view"}};
  };
  const auto post_views = [&](const Traveller& who, const json::array& events) {
    return send(http_verb::post, "/api/v1/interactions", json::serialize(json::object{{"events", events}}),
                who.token)
        .status;
  };
  // A batch to node A, the same batch retried through node B, one more view, and another traveller's view that
  // happens to carry the same client id.
  EXPECT_EQ(through_node(server.port(), [&] { return post_views(fan, {view("v1"), view("v2")}); }), 202u);
  EXPECT_EQ(through_node(node_b.port(), [&] { return post_views(fan, {view("v1"), view("v2")}); }), 202u);
  EXPECT_EQ(post_views(fan, {view("v3")}), 202u);
  EXPECT_EQ(post_views(other, {view("v1")}), 202u);

  EXPECT_EQ(stats_when(hotel.token, 4).at("totals").at("views").as_int64(), 4);
  // Once the stream is empty and nothing is pending, every entry was counted: the total must not have moved on.
  redis::Connection probe(redis.connection_options());
  const bool drained = eventually(10s, 50ms, [&] {
    const redis::Reply pending = probe.command("XPENDING", "hc:interactions", "hc:fold");
    return probe.command("XLEN", "hc:interactions").integer() == 0 && pending.at(0).integer() == 0;
  });
  EXPECT_TRUE(drained) << "entries stayed in the stream or pending";
  EXPECT_EQ(get("/api/v1/hotelier/stats", hotel.token).json().at("totals").at("views").as_int64(), 4);
  EXPECT_EQ(probe.command("XINFO", "GROUPS", "hc:interactions").size(), 1U)
      << "the views did not go through the stream's consumer group";
}

// Redis stays up, but the nodes' subscriptions are cut and cannot come back for a moment (SUBSCRIBE is refused to
// them; PUBLISH still works): a notification published meanwhile reaches no node live. Once the subscriptions
// return, the socket reads it from the inbox, once, and nothing older than what it had.
TEST_F(MultiNode, ANotificationPublishedWhileTheNodesWereCutOffFromTheBusReachesTheSocketOnce) {
  const auto [hotel, fan] = hotel_and_follower();
  ASSERT_FALSE(fan.token.empty());
  ASSERT_FALSE(create_active(hotel.token, "Seen before the socket opened").empty());
  ASSERT_EQ(inbox_when(fan.token, 1).size(), 1U);
  WsClient socket(nginx.port());
  ASSERT_TRUE(socket.sign_in(fan.token));  // without resume_after: it has what it wants up to now

  redis::Connection admin(redis.connection_options());
  admin.command("ACL", "SETUSER", "default", "-subscribe");
  admin.command("CLIENT", "KILL", "TYPE", "pubsub");
  const std::string missed = create_active(hotel.token, "Published while the nodes were cut off");
  ASSERT_FALSE(missed.empty());
  ASSERT_EQ(inbox_when(fan.token, 2).size(), 2U);
  EXPECT_FALSE(socket.next_of_type("notification", 500ms)) << "no node was subscribed, yet it came live";
  admin.command("ACL", "SETUSER", "default", "+subscribe");

  expect_coupon_created(socket, missed, 15s);
  EXPECT_FALSE(socket.next_of_type("notification", 1500ms)) << "a notification came twice, or an older one again";
}

TEST_F(MultiNode, StoppingRedisForTenSecondsLosesNoNotification) {
  const auto [hotel, fan] = hotel_and_follower();
  ASSERT_FALSE(fan.token.empty());
  WsClient socket(nginx.port());
  ASSERT_TRUE(socket.sign_in(fan.token));

  redis.stop();
  const auto stopped_at = std::chrono::steady_clock::now();
  const std::string during = create_active(hotel.token, "Posted while Redis is away");
  ASSERT_FALSE(during.empty()) << "the API needs no Redis to publish a coupon";
  EXPECT_EQ(login(client, "fan@example.com", std::string(kTestPassword)).status, 200u) << "sign-in needs no Redis";
  EXPECT_EQ(inbox_when(fan.token, 1).size(), 1U) << "the notification did not reach the inbox meanwhile";
  std::this_thread::sleep_until(stopped_at + 10s);

  redis.start();
  expect_coupon_created(socket, during, 20s);
  const std::string after = create_active(hotel.token, "Posted once Redis is back");
  expect_coupon_created(socket, after);
  EXPECT_NE(worker.log().find(R"("msg":"circuit breaker opened")"), std::string::npos)
      << "the worker's Redis breaker never opened:\n" << worker.log();
}

}  // namespace
}  // namespace hc::test
