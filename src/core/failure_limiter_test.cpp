#include "core/failure_limiter.hpp"

#include <gtest/gtest.h>

#include <chrono>
#include <stdexcept>
#include <string>
#include <atomic>
#include <thread>
#include <vector>

namespace hc {
namespace {

using namespace std::chrono_literals;
using Clock = std::chrono::system_clock;

const Clock::time_point kStart = Clock::time_point{} + 480000h;
constexpr auto kWindow = std::chrono::seconds{15min};

class FailureLimiterTest : public ::testing::Test {
 protected:
  InMemoryFailureLimiter limiter_{10, kWindow};
};

TEST_F(FailureLimiterTest, NineFailuresAreNotLimited) {
  for (int i = 0; i < 9; ++i) {
    limiter_.record_failure("alice", kStart + std::chrono::seconds{i});
  }
  EXPECT_EQ(limiter_.retry_after("alice", kStart + 9s), std::nullopt);
}

TEST_F(FailureLimiterTest, TenthFailureLimitsUntilTheOldestLeavesTheWindow) {
  for (int i = 0; i < 10; ++i) {
    limiter_.record_failure("alice", kStart);
  }
  EXPECT_EQ(limiter_.retry_after("alice", kStart), kWindow);
  EXPECT_EQ(limiter_.retry_after("alice", kStart + 10min), 5min);
  EXPECT_EQ(limiter_.retry_after("alice", kStart + kWindow - 500ms), 1s);
  EXPECT_EQ(limiter_.retry_after("alice", kStart + kWindow), std::nullopt);
}

TEST_F(FailureLimiterTest, SpreadFailuresCountFromTheOldest) {
  for (int i = 0; i < 10; ++i) {
    limiter_.record_failure("alice", kStart + std::chrono::seconds{i});
  }
  EXPECT_EQ(limiter_.retry_after("alice", kStart + 9s), kWindow - 9s);
  EXPECT_EQ(limiter_.retry_after("alice", kStart + kWindow), std::nullopt);
}

TEST_F(FailureLimiterTest, RetryAfterRoundsUp) {
  for (int i = 0; i < 10; ++i) {
    limiter_.record_failure("alice", kStart);
  }
  EXPECT_EQ(limiter_.retry_after("alice", kStart + 1500ms), kWindow - 1s);
}

TEST_F(FailureLimiterTest, ContinuedFailuresExtendTheLimit) {
  for (int i = 0; i < 10; ++i) {
    limiter_.record_failure("alice", kStart);
  }
  limiter_.record_failure("alice", kStart + 5min);
  EXPECT_EQ(limiter_.retry_after("alice", kStart + kWindow), std::nullopt);
  for (int i = 0; i < 9; ++i) {
    limiter_.record_failure("alice", kStart + 5min);
  }
  EXPECT_EQ(limiter_.retry_after("alice", kStart + kWindow), 5min);
}

TEST_F(FailureLimiterTest, ClearResets) {
  for (int i = 0; i < 10; ++i) {
    limiter_.record_failure("alice", kStart);
  }
  limiter_.clear("alice");
  EXPECT_EQ(limiter_.retry_after("alice", kStart), std::nullopt);
  limiter_.record_failure("alice", kStart);
  EXPECT_EQ(limiter_.retry_after("alice", kStart), std::nullopt);
  limiter_.clear("nobody");
}

TEST_F(FailureLimiterTest, KeysAreIndependent) {
  for (int i = 0; i < 10; ++i) {
    limiter_.record_failure("alice", kStart);
  }
  for (int i = 0; i < 9; ++i) {
    limiter_.record_failure("bob", kStart);
  }
  EXPECT_TRUE(limiter_.retry_after("alice", kStart).has_value());
  EXPECT_EQ(limiter_.retry_after("bob", kStart), std::nullopt);
  EXPECT_EQ(limiter_.retry_after("carol", kStart), std::nullopt);
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

namespace hc {
namespace {

TEST(FailureLimiterAttempts, ABurstOfSimultaneousAttemptsStaysWithinTheLimit) {
  InMemoryFailureLimiter limiter(10, std::chrono::minutes(15));
  const auto now = std::chrono::system_clock::now();
  std::atomic<int> let_through{0};
  std::vector<std::thread> threads;
  for (int i = 0; i < 100; ++i) {
    threads.emplace_back([&] {
      if (!limiter.begin_attempt("login:account:a@b.c", now)) ++let_through;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(let_through.load(), 10);
}

TEST(FailureLimiterAttempts, ARightAttemptIsForgiven) {
  InMemoryFailureLimiter limiter(2, std::chrono::minutes(10));
  const auto now = std::chrono::system_clock::now();
  for (int i = 0; i < 5; ++i) {
    ASSERT_FALSE(begin_attempt(limiter, {"desk:account:h", "desk:address:1.2.3.4"}, now));
    forgive(limiter, {"desk:account:h", "desk:address:1.2.3.4"});
  }
  EXPECT_FALSE(limiter.retry_after("desk:account:h", now)) << "right codes never add up to a limit";
}

TEST(FailureLimiterAttempts, ALimitedKeyCountsNothingOnTheOthers) {
  InMemoryFailureLimiter limiter(1, std::chrono::minutes(10));
  const auto now = std::chrono::system_clock::now();
  ASSERT_FALSE(limiter.begin_attempt("address", now));
  EXPECT_TRUE(begin_attempt(limiter, {"account", "address"}, now));
  EXPECT_FALSE(limiter.retry_after("account", now)) << "the account was un-counted when the address was limited";
}

}  // namespace
}  // namespace hc
