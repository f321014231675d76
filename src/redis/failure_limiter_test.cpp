// What only the Redis limiter does: share counts between nodes, keep Redis memory bounded, survive a restart.
// The behaviour it shares with the in-memory one is checked by the contract suite in core/failure_limiter_test.cpp.
#include "redis/failure_limiter.hpp"
#include "redis_server.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <stdexcept>
#include <thread>
#include <vector>

namespace hc::redis {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::system_clock;

constexpr auto kWindow = std::chrono::seconds{15min};

// One node of the cluster: its own connections to the shared Redis.
struct Node {
  explicit Node(const test::RedisServer& server) : pool(PoolOptions{.connection = server.connection_options()}) {}
  Pool pool;
  RedisFailureLimiter limiter{pool, 10, kWindow};
};

class RedisFailureLimiterTest : public ::testing::Test {
 protected:
  test::RedisServer server_;
  Node first_{server_};
  Node second_{server_};
  Connection inspect_{server_.connection_options()};
};

TEST_F(RedisFailureLimiterTest, TwoNodesShareTheCount) {
  const auto now = Clock::now();
  for (int i = 0; i < 5; ++i) {
    ASSERT_FALSE(first_.limiter.begin_attempt("login:account:a@b.c", now));
    ASSERT_FALSE(second_.limiter.begin_attempt("login:account:a@b.c", now));
  }
  EXPECT_EQ(first_.limiter.begin_attempt("login:account:a@b.c", now), kWindow);
  EXPECT_EQ(second_.limiter.begin_attempt("login:account:a@b.c", now), kWindow);
  second_.limiter.clear("login:account:a@b.c");
  EXPECT_FALSE(first_.limiter.begin_attempt("login:account:a@b.c", now)) << "a clear on one node frees it on all";
}

TEST_F(RedisFailureLimiterTest, ABurstOnSeveralNodesStaysWithinTheLimit) {
  const auto now = Clock::now();
  std::atomic<int> let_through{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 60; ++i) {
    threads.emplace_back([&, i] {
      auto& node = i % 2 == 0 ? first_ : second_;
      if (!node.limiter.begin_attempt("desk:account:h", now)) ++let_through;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(let_through.load(), 10);
}

TEST_F(RedisFailureLimiterTest, KeepsOneBoundedExpiringSetPerKey) {
  const auto now = Clock::now();
  for (int i = 0; i < 10; ++i) ASSERT_FALSE(first_.limiter.begin_attempt("alice", now));
  for (int i = 0; i < 10; ++i) ASSERT_TRUE(first_.limiter.begin_attempt("alice", now));
  EXPECT_EQ(inspect_.command("ZCARD", "hc:limit:alice").integer(), 10) << "limited attempts add nothing";
  const auto ttl = std::chrono::milliseconds{inspect_.command("PTTL", "hc:limit:alice").integer()};
  EXPECT_GT(ttl, kWindow - 1min);
  EXPECT_LE(ttl, kWindow);
  for (int i = 0; i < 10; ++i) first_.limiter.forgive("alice");
  EXPECT_EQ(inspect_.command("EXISTS", "hc:limit:alice").integer(), 0) << "forgiving every failure leaves nothing";
}

TEST_F(RedisFailureLimiterTest, KeysAreBinarySafeAndPrefixed) {
  Pool pool(PoolOptions{.connection = server_.connection_options()});
  RedisFailureLimiter limiter(pool, 1, kWindow, "test:");
  const std::string key("odd\0key \xff", 9);
  ASSERT_FALSE(limiter.begin_attempt(key, Clock::now()));
  EXPECT_EQ(inspect_.command("EXISTS", "test:" + key).integer(), 1);
  EXPECT_TRUE(limiter.begin_attempt(key, Clock::now()));
}

TEST_F(RedisFailureLimiterTest, WorksAgainAfterRedisRestarts) {
  const auto now = Clock::now();
  ASSERT_FALSE(first_.limiter.begin_attempt("alice", now));
  server_.stop();
  EXPECT_THROW(first_.limiter.begin_attempt("alice", now), Error);
  server_.start();
  // The restarted Redis has forgotten the failures and the script; the limiter loads it again.
  for (int i = 0; i < 10; ++i) ASSERT_FALSE(first_.limiter.begin_attempt("alice", now)) << "attempt " << i;
  EXPECT_TRUE(first_.limiter.begin_attempt("alice", now));
}

TEST(RedisFailureLimiter, RejectsNonsenseSettings) {
  Pool pool(PoolOptions{.connection = {}});
  EXPECT_THROW(RedisFailureLimiter(pool, 0, 60s), std::invalid_argument);
  EXPECT_THROW(RedisFailureLimiter(pool, -1, 60s), std::invalid_argument);
  EXPECT_THROW(RedisFailureLimiter(pool, 1, 0s), std::invalid_argument);
}

}  // namespace
}  // namespace hc::redis
