#include "core/fallback_limiter.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace hc {
namespace {

using namespace std::chrono_literals;

// A shared limiter that can be switched off, as Redis going away looks to the caller.
class SwitchableLimiter final : public FailureLimiter {
 public:
  explicit SwitchableLimiter(int max_failures) : inner_(max_failures, std::chrono::minutes(15)) {}
  bool up = true;
  int calls = 0;

  void clear(std::string_view key) override { inner().clear(key); }
  std::optional<std::chrono::seconds> begin_attempt(std::string_view key,
                                                    std::chrono::system_clock::time_point now) override {
    return inner().begin_attempt(key, now);
  }
  void forgive(std::string_view key) override { inner().forgive(key); }

 private:
  InMemoryFailureLimiter& inner() {
    ++calls;
    if (!up) throw std::runtime_error("cannot connect to redis");
    return inner_;
  }
  InMemoryFailureLimiter inner_;
};

class FallbackFailureLimiterTest : public ::testing::Test {
 protected:
  std::chrono::system_clock::time_point at_ = std::chrono::system_clock::now();
  SwitchableLimiter shared_{3};
  InMemoryFailureLimiter local_{3, std::chrono::minutes(15)};
  std::chrono::steady_clock::time_point now_{std::chrono::hours(1000)};
  CircuitBreaker breaker_{"redis", BreakerOptions{}, Logger::null(), [this] { return now_; }};
  FallbackFailureLimiter limiter_{shared_, local_, breaker_};

  //! Attempts on `key` until one is refused; returns how many went through.
  int attempts_allowed(std::string_view key) {
    int allowed = 0;
    while (!limiter_.begin_attempt(key, at_) && allowed < 100) ++allowed;
    return allowed;
  }
};

TEST_F(FallbackFailureLimiterTest, CountsInTheSharedLimiterWhileItAnswers) {
  EXPECT_EQ(attempts_allowed("login:a@b.com"), 3);
  EXPECT_EQ(local_.key_count(), 0U);
  EXPECT_TRUE(shared_.begin_attempt("login:a@b.com", at_).has_value()) << "the shared limiter holds the count";
}

TEST_F(FallbackFailureLimiterTest, KeepsLimitingOnThisNodeWhileTheSharedOneIsAway) {
  shared_.up = false;
  EXPECT_EQ(attempts_allowed("login:a@b.com"), 3) << "guessing stays throttled";
  EXPECT_EQ(local_.key_count(), 1U);
}

TEST_F(FallbackFailureLimiterTest, StopsCallingTheSharedOneOnceItsBreakerOpens) {
  shared_.up = false;
  for (int i = 0; i < 25; ++i) limiter_.begin_attempt("login:" + std::to_string(i), at_);
  EXPECT_EQ(breaker_.state(), BreakerState::open);
  const int calls_when_open = shared_.calls;
  limiter_.begin_attempt("login:later", at_);
  EXPECT_EQ(shared_.calls, calls_when_open) << "an open breaker answers without waiting for Redis";
}

TEST_F(FallbackFailureLimiterTest, ForgivingReachesTheLimiterThatCounted) {
  EXPECT_FALSE(limiter_.begin_attempt("desk:h1", at_));
  limiter_.forgive("desk:h1");
  EXPECT_EQ(attempts_allowed("desk:h1"), 3) << "the forgiven attempt no longer counts";

  shared_.up = false;
  EXPECT_FALSE(limiter_.begin_attempt("desk:h2", at_));
  limiter_.forgive("desk:h2");
  EXPECT_EQ(attempts_allowed("desk:h2"), 3);
}

TEST_F(FallbackFailureLimiterTest, ClearingForgetsTheKeyInBoth) {
  shared_.up = false;
  EXPECT_EQ(attempts_allowed("login:a@b.com"), 3);
  shared_.up = true;
  EXPECT_EQ(attempts_allowed("login:a@b.com"), 3);
  limiter_.clear("login:a@b.com");
  EXPECT_FALSE(shared_.begin_attempt("login:a@b.com", at_).has_value());
  EXPECT_FALSE(local_.begin_attempt("login:a@b.com", at_).has_value());
}

}  // namespace
}  // namespace hc
