// One contract for every bus (in process and Redis), then what only the Redis bus does: survive Redis going
// away, skip what it cannot read, stop promptly.
#include "bus/inproc_bus.hpp"
#include "bus/live_message.hpp"
#include "bus/redis_bus.hpp"
#include "redis_server.hpp"

#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <optional>
#include <stdexcept>
#include <string>
#include <vector>

namespace hc::bus {
namespace {

using namespace std::chrono_literals;
using SteadyClock = std::chrono::steady_clock;

// What one node's handler received, for the test's thread to wait for.
class Received {
 public:
  void add(const LiveMessage& message) {
    {
      const std::lock_guard lock(mutex_);
      messages_.push_back(message);
    }
    arrived_.notify_all();
  }
  //! Waits until `count` messages have arrived.
  bool wait_for(std::size_t count, std::chrono::milliseconds timeout = 10s) {
    std::unique_lock lock(mutex_);
    return arrived_.wait_for(lock, timeout, [&] { return messages_.size() >= count; });
  }
  std::vector<LiveMessage> messages() const {
    const std::lock_guard lock(mutex_);
    return messages_;
  }
  //! The frames of the signals received, in order.
  std::vector<std::string> frames() const {
    std::vector<std::string> frames;
    for (const LiveMessage& message : messages()) frames.push_back(std::get<std::shared_ptr<const Signal>>(message)->frame);
    return frames;
  }

 private:
  mutable std::mutex mutex_;
  std::condition_variable arrived_;
  std::vector<LiveMessage> messages_;
};

// The handler shares ownership: a bus's thread may still call it while the test unwinds.
LiveBus::Handler record_into(const std::shared_ptr<Received>& received) {
  return [received](const LiveMessage& message) { received->add(message); };
}

LiveMessage make_signal(std::string frame) {
  return std::make_shared<const Signal>(Signal{{"owner-1"}, std::move(frame)});
}

std::vector<std::string> numbered(int count) {
  std::vector<std::string> frames;
  for (int i = 0; i < count; ++i) frames.push_back(std::to_string(i));
  return frames;
}

RedisBusOptions fast_options() {
  RedisBusOptions options;
  options.read_timeout = 50ms;
  options.heartbeat = 300ms;
  options.first_backoff = 20ms;
  options.max_backoff = 200ms;
  return options;
}

// One node of a cluster on Redis: its own connections and its own subscriber thread.
struct RedisNode {
  explicit RedisNode(const test::RedisServer& server, RedisBusOptions options = fast_options())
      : pool(redis::PoolOptions{.connection = server.connection_options()}),
        bus(pool, server.connection_options(), Logger::null(), std::move(options)) {}
  redis::Pool pool;
  RedisBus bus;
};

enum class Backend { in_process, redis };

class LiveBusContract : public ::testing::TestWithParam<Backend> {
 protected:
  //! A node of the cluster: in process every node shares the one bus; on Redis each has a bus of its own.
  LiveBus& node() {
    if (GetParam() == Backend::in_process) return in_process_;
    if (!server_) server_.emplace();
    return redis_nodes_.emplace_back(std::make_unique<RedisNode>(*server_))->bus;
  }

 private:
  std::optional<test::RedisServer> server_;  // outlives the nodes
  InProcessBus in_process_{Logger::null()};
  std::vector<std::unique_ptr<RedisNode>> redis_nodes_;
};

TEST_P(LiveBusContract, ADeliveryArrivesIntact) {
  LiveBus& subscriber = node();
  auto received = std::make_shared<Received>();
  subscriber.subscribe(record_into(received));

  auto sent = std::make_shared<notifications::Delivery>();
  sent->content = {"coupon.used", "Your coupon was used", "Sea view at Hôtel \"Du Lac\"", R"({"coupon_id":"c-1"})"};
  sent->created_at = SysSeconds(std::chrono::seconds(1'795'341'600));
  sent->recipients = {{"guest-1", 41}, {"guest-2", 42}};
  node().publish(sent);

  ASSERT_TRUE(received->wait_for(1));
  const auto got = std::get<std::shared_ptr<const notifications::Delivery>>(received->messages().at(0));
  EXPECT_EQ(to_json(got), to_json(sent)) << "every field, as the round-trip test checks them one by one";
}

TEST_P(LiveBusContract, KeepsThePublishOrderOf1000Messages) {
  LiveBus& subscriber = node();
  auto received = std::make_shared<Received>();
  subscriber.subscribe(record_into(received));
  LiveBus& publisher = node();
  for (const std::string& frame : numbered(1000)) publisher.publish(make_signal(frame));
  ASSERT_TRUE(received->wait_for(1000)) << received->messages().size() << " arrived";
  EXPECT_EQ(received->frames(), numbered(1000));
}

TEST_P(LiveBusContract, TwoNodesEachGetEveryMessage) {
  LiveBus& first = node();
  LiveBus& second = node();
  auto on_first = std::make_shared<Received>();
  auto on_second = std::make_shared<Received>();
  first.subscribe(record_into(on_first));
  second.subscribe(record_into(on_second));
  for (const std::string& frame : numbered(100)) first.publish(make_signal(frame));
  ASSERT_TRUE(on_first->wait_for(100));
  ASSERT_TRUE(on_second->wait_for(100));
  EXPECT_EQ(on_first->frames(), numbered(100)) << "a node also gets what it published itself";
  EXPECT_EQ(on_second->frames(), numbered(100));
}

TEST_P(LiveBusContract, NothingPublishedBeforeTheSubscriptionArrives) {
  LiveBus& publisher = node();
  publisher.publish(make_signal("early"));
  LiveBus& subscriber = node();
  auto received = std::make_shared<Received>();
  subscriber.subscribe(record_into(received));
  publisher.publish(make_signal("late"));
  // In publish order, "early" would have come first.
  ASSERT_TRUE(received->wait_for(1));
  EXPECT_EQ(received->frames(), std::vector<std::string>{"late"});
}

TEST_P(LiveBusContract, AHandlerThatThrowsDoesNotStopTheOthers) {
  LiveBus& subscriber = node();
  subscriber.subscribe([](const LiveMessage&) { throw std::runtime_error("a broken handler"); });
  auto received = std::make_shared<Received>();
  subscriber.subscribe(record_into(received));
  LiveBus& publisher = node();
  publisher.publish(make_signal("1"));
  publisher.publish(make_signal("2"));
  ASSERT_TRUE(received->wait_for(2));
  EXPECT_EQ(received->frames(), (std::vector<std::string>{"1", "2"}));
}

TEST_P(LiveBusContract, RefusesANullMessage) {
  EXPECT_THROW(node().publish(std::shared_ptr<const Signal>()), std::invalid_argument);
  EXPECT_THROW(node().publish(std::shared_ptr<const notifications::Delivery>()), std::invalid_argument);
}

INSTANTIATE_TEST_SUITE_P(Buses, LiveBusContract, ::testing::Values(Backend::in_process, Backend::redis),
                         [](const auto& backend) { return backend.param == Backend::redis ? "Redis" : "InProcess"; });

class RedisBusTest : public ::testing::Test {
 protected:
  //! Subscribes node_, which Redis confirms at once.
  std::shared_ptr<Received> subscribe_node() {
    auto received = std::make_shared<Received>();
    node_.bus.subscribe(record_into(received));
    EXPECT_TRUE(node_.bus.subscribed());
    return received;
  }
  bool wait_until_subscribed(bool subscribed) {
    return test::wait_until([&] { return node_.bus.subscribed() == subscribed; }, 10s);
  }

  test::RedisServer server_;
  RedisNode node_{server_};
  RedisNode other_node_{server_};
};

TEST_F(RedisBusTest, PublishThrowsQuicklyWhileRedisIsDown) {
  server_.stop();
  const auto started = SteadyClock::now();
  EXPECT_THROW(other_node_.bus.publish(make_signal("lost")), redis::Error);
  EXPECT_LT(SteadyClock::now() - started, 3s);
}

TEST_F(RedisBusTest, TheSubscriberReconnectsWhenRedisIsBack) {
  const auto received = subscribe_node();
  server_.stop();
  ASSERT_TRUE(wait_until_subscribed(false));
  server_.start();
  ASSERT_TRUE(wait_until_subscribed(true)) << "it reconnects on its own";
  other_node_.bus.publish(make_signal("after the restart"));
  ASSERT_TRUE(received->wait_for(1));
  EXPECT_EQ(received->frames(), std::vector<std::string>{"after the restart"});
}

TEST_F(RedisBusTest, ANodeStartedDuringAnOutageSubscribesWhenRedisComesUp) {
  server_.stop();
  auto received = std::make_shared<Received>();
  const auto started = SteadyClock::now();
  node_.bus.subscribe(record_into(received));
  EXPECT_LT(SteadyClock::now() - started, 1s) << "it waits for one refused connection attempt only";
  EXPECT_FALSE(node_.bus.subscribed());
  server_.start();
  ASSERT_TRUE(wait_until_subscribed(true));
  other_node_.bus.publish(make_signal("hello"));
  ASSERT_TRUE(received->wait_for(1));
}

TEST_F(RedisBusTest, ASilentRedisCountsAsGone) {
  const auto received = subscribe_node();
  ASSERT_EQ(::kill(server_.pid(), SIGSTOP), 0);
  const bool noticed = wait_until_subscribed(false);  // its PING goes unanswered
  ::kill(server_.pid(), SIGCONT);
  ASSERT_TRUE(noticed);
  ASSERT_TRUE(wait_until_subscribed(true));
  other_node_.bus.publish(make_signal("awake"));
  ASSERT_TRUE(received->wait_for(1));
  EXPECT_EQ(received->frames().back(), "awake");
}

TEST_F(RedisBusTest, SkipsWhatItCannotRead) {
  const auto received = subscribe_node();
  redis::Connection raw(server_.connection_options());
  raw.command("PUBLISH", "hc:live", "not json");
  raw.command("PUBLISH", "hc:live", R"({"v":2,"kind":"signal","user_ids":[],"frame":"from the future"})");
  other_node_.bus.publish(make_signal("readable"));
  ASSERT_TRUE(received->wait_for(1));
  EXPECT_EQ(received->frames(), std::vector<std::string>{"readable"});
}

TEST_F(RedisBusTest, StopsPromptlyWhileRedisIsDown) {
  RedisBusOptions patient = fast_options();
  patient.first_backoff = 60s;  // the thread sleeps long between attempts, and must wake to stop
  patient.max_backoff = 60s;
  auto bus = std::make_unique<RedisBus>(node_.pool, server_.connection_options(), Logger::null(), patient);
  bus->subscribe([](const LiveMessage&) {});
  server_.stop();
  ASSERT_TRUE(test::wait_until([&] { return !bus->subscribed(); }, 10s));
  const auto started = SteadyClock::now();
  bus.reset();
  EXPECT_LT(SteadyClock::now() - started, 1s);
}

TEST_F(RedisBusTest, StopsPromptlyWhileListening) {
  auto bus = std::make_unique<RedisBus>(node_.pool, server_.connection_options(), Logger::null());  // default timeouts
  bus->subscribe([](const LiveMessage&) {});
  ASSERT_TRUE(bus->subscribed());
  const auto started = SteadyClock::now();
  bus.reset();
  EXPECT_LT(SteadyClock::now() - started, 1s);
}

}  // namespace
}  // namespace hc::bus
