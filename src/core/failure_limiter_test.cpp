// What every failure limiter promises, checked on each: the in-memory one and the Redis one on a real
// redis-server. Then the in-memory one's own tests (its bounded key table).
#include "core/failure_limiter.hpp"
#include "redis/failure_limiter.hpp"
#include "redis_server.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

namespace hc {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::system_clock;

const Clock::time_point kStart = Clock::time_point{} + 480000h;
constexpr auto kWindow = std::chrono::seconds{15min};

// One Redis for the whole test binary, started on first use; each limiter made on it starts from an empty one.
struct SharedRedis {
  test::RedisServer server;
  redis::Pool pool{redis::PoolOptions{.connection = server.connection_options(), .size = 8}};
};

SharedRedis& shared_redis() {
  static SharedRedis redis;
  return redis;
}

struct LimiterKind {
  std::string name;
  std::function<std::unique_ptr<FailureLimiter>(int max_failures, std::chrono::seconds window)> make;
};
void PrintTo(const LimiterKind& kind, std::ostream* out) { *out << kind.name; }

std::vector<LimiterKind> limiter_kinds() {
  return {
      {"InMemory",
       [](int max_failures, std::chrono::seconds window) {
         return std::make_unique<InMemoryFailureLimiter>(max_failures, window);
       }},
      {"Redis",
       [](int max_failures, std::chrono::seconds window) {
         auto& redis = shared_redis();
         redis.pool.command("FLUSHDB");
         return std::make_unique<redis::RedisFailureLimiter>(redis.pool, max_failures, window);
       }},
  };
}

class FailureLimiterContract : public ::testing::TestWithParam<LimiterKind> {
 protected:
  std::unique_ptr<FailureLimiter> make(int max_failures, std::chrono::seconds window) {
    return GetParam().make(max_failures, window);
  }

  //! Begins `times` attempts on key at `at`, each expected to go through (and stay counted).
  void fail(std::string_view key, Clock::time_point at, int times = 1) {
    for (int i = 0; i < times; ++i) ASSERT_EQ(limiter_->begin_attempt(key, at), std::nullopt) << "attempt " << i;
  }

  //! The wait an attempt at `at` would get, leaving the count as it was.
  std::optional<std::chrono::seconds> wait_at(std::string_view key, Clock::time_point at) {
    auto wait = limiter_->begin_attempt(key, at);
    if (!wait) limiter_->forgive(key);
    return wait;
  }

  std::unique_ptr<FailureLimiter> limiter_ = make(10, kWindow);
};

INSTANTIATE_TEST_SUITE_P(Kinds, FailureLimiterContract, ::testing::ValuesIn(limiter_kinds()),
                         [](const auto& kind) { return kind.param.name; });

TEST_P(FailureLimiterContract, NineFailuresAreNotLimited) {
  for (int i = 0; i < 9; ++i) fail("alice", kStart + std::chrono::seconds{i});
  EXPECT_EQ(wait_at("alice", kStart + 9s), std::nullopt);
}

TEST_P(FailureLimiterContract, TenthFailureLimitsUntilTheOldestLeavesTheWindow) {
  fail("alice", kStart, 10);
  EXPECT_EQ(wait_at("alice", kStart), kWindow);
  EXPECT_EQ(wait_at("alice", kStart + 10min), 5min);
  EXPECT_EQ(wait_at("alice", kStart + kWindow - 500ms), 1s);
  EXPECT_EQ(wait_at("alice", kStart + kWindow), std::nullopt);
}

TEST_P(FailureLimiterContract, SpreadFailuresCountFromTheOldest) {
  for (int i = 0; i < 10; ++i) fail("alice", kStart + std::chrono::seconds{i});
  EXPECT_EQ(wait_at("alice", kStart + 9s), kWindow - 9s);
  EXPECT_EQ(wait_at("alice", kStart + kWindow), std::nullopt);
}

TEST_P(FailureLimiterContract, RetryAfterRoundsUp) {
  fail("alice", kStart, 10);
  EXPECT_EQ(wait_at("alice", kStart + 1500ms), kWindow - 1s);
}

TEST_P(FailureLimiterContract, ALimitedAttemptIsNotCounted) {
  fail("alice", kStart, 10);
  for (int i = 0; i < 20; ++i) ASSERT_EQ(limiter_->begin_attempt("alice", kStart + 5min), 10min);
  EXPECT_EQ(wait_at("alice", kStart + kWindow), std::nullopt);
}

TEST_P(FailureLimiterContract, FailuresAfterTheLimitLimitAgain) {
  fail("alice", kStart, 10);
  fail("alice", kStart + kWindow, 10);
  EXPECT_EQ(wait_at("alice", kStart + kWindow + 1min), kWindow - 1min);
}

TEST_P(FailureLimiterContract, ForgiveUncountsOnlyTheNewest) {
  for (int i = 0; i < 10; ++i) fail("alice", kStart + std::chrono::seconds{i});
  limiter_->forgive("alice");
  EXPECT_EQ(wait_at("alice", kStart + 9s), std::nullopt);
  fail("alice", kStart + 9s);
  EXPECT_EQ(wait_at("alice", kStart + 9s), kWindow - 9s) << "the oldest failure still counts";
  limiter_->forgive("nobody");
}

TEST_P(FailureLimiterContract, ClearResets) {
  fail("alice", kStart, 10);
  limiter_->clear("alice");
  EXPECT_EQ(wait_at("alice", kStart), std::nullopt);
  fail("alice", kStart);
  EXPECT_EQ(wait_at("alice", kStart), std::nullopt);
  limiter_->clear("nobody");
}

TEST_P(FailureLimiterContract, KeysAreIndependent) {
  fail("alice", kStart, 10);
  fail("bob", kStart, 9);
  EXPECT_TRUE(wait_at("alice", kStart).has_value());
  EXPECT_EQ(wait_at("bob", kStart), std::nullopt);
  EXPECT_EQ(wait_at("carol", kStart), std::nullopt);
}

TEST_P(FailureLimiterContract, ABurstOfSimultaneousAttemptsStaysWithinTheLimit) {
  const auto now = Clock::now();
  std::atomic<int> let_through{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 100; ++i) {
    threads.emplace_back([&] {
      if (!limiter_->begin_attempt("login:account:a@b.c", now)) ++let_through;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(let_through.load(), 10);
}

TEST_P(FailureLimiterContract, ARightAttemptIsForgiven) {
  limiter_ = make(2, 10min);
  const auto now = Clock::now();
  for (int i = 0; i < 5; ++i) {
    ASSERT_FALSE(begin_attempt(*limiter_, {"desk:account:h", "desk:address:1.2.3.4"}, now));
    forgive(*limiter_, {"desk:account:h", "desk:address:1.2.3.4"});
  }
  EXPECT_FALSE(wait_at("desk:account:h", now)) << "right codes never add up to a limit";
}

TEST_P(FailureLimiterContract, ALimitedKeyCountsNothingOnTheOthers) {
  limiter_ = make(1, 10min);
  const auto now = Clock::now();
  ASSERT_FALSE(limiter_->begin_attempt("address", now));
  EXPECT_TRUE(begin_attempt(*limiter_, {"account", "address"}, now));
  EXPECT_FALSE(wait_at("account", now)) << "the account was un-counted when the address was limited";
}

TEST(InMemoryFailureLimiter, ContinuedFailuresExtendTheLimit) {
  InMemoryFailureLimiter limiter(10, kWindow);
  for (int i = 0; i < 10; ++i) {
    limiter.record_failure("alice", kStart);
  }
  limiter.record_failure("alice", kStart + 5min);
  EXPECT_EQ(limiter.retry_after("alice", kStart + kWindow), std::nullopt);
  for (int i = 0; i < 9; ++i) {
    limiter.record_failure("alice", kStart + 5min);
  }
  EXPECT_EQ(limiter.retry_after("alice", kStart + kWindow), 5min);
}

TEST(InMemoryFailureLimiter, RejectsNonsenseSettings) {
  EXPECT_THROW(InMemoryFailureLimiter(0, 60s), std::invalid_argument);
  EXPECT_THROW(InMemoryFailureLimiter(-1, 60s), std::invalid_argument);
  EXPECT_THROW(InMemoryFailureLimiter(1, 0s), std::invalid_argument);
  EXPECT_THROW(InMemoryFailureLimiter(1, 60s, 0), std::invalid_argument);
}

TEST(InMemoryFailureLimiter, KeyCountStaysBounded) {
  InMemoryFailureLimiter limiter(1, 60s, 100);
  for (int i = 0; i < 1000; ++i) {
    limiter.record_failure("key" + std::to_string(i), kStart);
    ASSERT_LE(limiter.key_count(), 100u);
  }
  EXPECT_EQ(limiter.key_count(), 100u);
  EXPECT_TRUE(limiter.retry_after("key999", kStart).has_value());
  EXPECT_TRUE(limiter.retry_after("key900", kStart).has_value());
  EXPECT_EQ(limiter.retry_after("key0", kStart), std::nullopt);
}

TEST(InMemoryFailureLimiter, EvictsStaleKeysBeforeLiveOnes) {
  InMemoryFailureLimiter limiter(1, 60s, 3);
  limiter.record_failure("a", kStart);
  limiter.record_failure("b", kStart);
  limiter.record_failure("c", kStart + 100s);
  limiter.record_failure("d", kStart + 100s);
  EXPECT_EQ(limiter.key_count(), 2u);
  EXPECT_TRUE(limiter.retry_after("c", kStart + 100s).has_value());
  EXPECT_TRUE(limiter.retry_after("d", kStart + 100s).has_value());
}

TEST(InMemoryFailureLimiter, EvictsLeastRecentlyTouchedLiveKey) {
  InMemoryFailureLimiter limiter(1, 60s, 3);
  limiter.record_failure("a", kStart);
  limiter.record_failure("b", kStart);
  limiter.record_failure("c", kStart);
  limiter.record_failure("a", kStart + 1s);
  limiter.record_failure("d", kStart + 1s);
  EXPECT_EQ(limiter.key_count(), 3u);
  EXPECT_EQ(limiter.retry_after("b", kStart + 1s), std::nullopt);
  EXPECT_TRUE(limiter.retry_after("a", kStart + 1s).has_value());
  EXPECT_TRUE(limiter.retry_after("c", kStart + 1s).has_value());
  EXPECT_TRUE(limiter.retry_after("d", kStart + 1s).has_value());
}

TEST(InMemoryFailureLimiter, ForgetsStaleKeysWhenAsked) {
  InMemoryFailureLimiter limiter(1, 60s);
  limiter.record_failure("a", kStart);
  EXPECT_EQ(limiter.retry_after("a", kStart + 60s), std::nullopt);
  EXPECT_EQ(limiter.key_count(), 0u);
}

TEST(InMemoryFailureLimiter, ConcurrentFailuresAreAllCounted) {
  constexpr int kThreads = 4;
  constexpr int kPerThread = 1000;
  InMemoryFailureLimiter exact(kThreads * kPerThread, 1h);
  InMemoryFailureLimiter one_more(kThreads * kPerThread + 1, 1h);
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      for (int i = 0; i < kPerThread; ++i) {
        const auto now = kStart + std::chrono::milliseconds{i * kThreads + t};
        exact.record_failure("shared", now);
        one_more.record_failure("shared", now);
        exact.record_failure("thread" + std::to_string(t) + "-" + std::to_string(i), now);
      }
    });
  }
  for (auto& thread : threads) {
    thread.join();
  }
  const auto later = kStart + 10s;
  EXPECT_TRUE(exact.retry_after("shared", later).has_value());
  EXPECT_EQ(one_more.retry_after("shared", later), std::nullopt);
  EXPECT_EQ(exact.key_count(), static_cast<std::size_t>(kThreads * kPerThread + 1));
}

}  // namespace
}  // namespace hc
