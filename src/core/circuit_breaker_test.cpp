#include "core/circuit_breaker.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace hc {
namespace {

using namespace std::chrono_literals;

// What a failing dependency throws; distinct from DependencyUnavailable, so that a refused call never passes for
// a failed one.
struct Down : std::runtime_error {
  Down() : std::runtime_error("down") {}
};

class CircuitBreakerTest : public ::testing::Test {
 protected:
  std::chrono::steady_clock::time_point now_{std::chrono::hours(1000)};
  CircuitBreaker breaker_{"objects", BreakerOptions{}, Logger::null(), [this] { return now_; }};

  void succeed(int times) {
    for (int i = 0; i < times; ++i) breaker_.run([] {});
  }
  void fail(int times) {
    for (int i = 0; i < times; ++i) EXPECT_THROW(breaker_.run([] { throw Down(); }), Down);
  }
  void open_it() {
    fail(20);
    ASSERT_EQ(breaker_.state(), BreakerState::open);
  }
};

TEST_F(CircuitBreakerTest, PassesResultsAndErrorsThroughWhileClosed) {
  EXPECT_EQ(breaker_.run([] { return 42; }), 42);
  EXPECT_THROW(breaker_.run([] { throw std::logic_error("x"); }), std::logic_error);
  EXPECT_EQ(breaker_.state(), BreakerState::closed);
}

TEST_F(CircuitBreakerTest, StaysClosedUnderTwentyCallsHoweverManyFail) {
  fail(19);
  EXPECT_EQ(breaker_.state(), BreakerState::closed);
}

TEST_F(CircuitBreakerTest, OpensWhenHalfOfTwentyCallsInTheWindowFailed) {
  succeed(10);
  fail(9);
  EXPECT_EQ(breaker_.state(), BreakerState::closed);  // 9 of 19
  fail(1);
  EXPECT_EQ(breaker_.state(), BreakerState::open);  // 10 of 20
  EXPECT_EQ(breaker_.times_opened(), 1U);
}

TEST_F(CircuitBreakerTest, StaysClosedWhenFewerThanHalfFail) {
  succeed(11);
  fail(9);
  EXPECT_EQ(breaker_.state(), BreakerState::closed);
}

TEST_F(CircuitBreakerTest, ForgetsCallsOlderThanTheWindow) {
  fail(15);
  now_ += 11s;
  fail(10);  // the first fifteen no longer count: 10 calls are too few
  EXPECT_EQ(breaker_.state(), BreakerState::closed);
  fail(10);
  EXPECT_EQ(breaker_.state(), BreakerState::open);
}

TEST_F(CircuitBreakerTest, AnOpenBreakerFailsFastWithoutCallingAndSaysWhenToRetry) {
  open_it();
  int calls = 0;
  now_ += 1500ms;
  try {
    breaker_.run([&] { ++calls; });
    FAIL() << "an open breaker let a call through";
  } catch (const DependencyUnavailable& e) {
    EXPECT_EQ(e.dependency(), "objects");
    EXPECT_EQ(e.retry_after(), 4s);  // 3.5 s of the 5 s cool-down left, rounded up
  }
  EXPECT_EQ(calls, 0);
}

TEST_F(CircuitBreakerTest, AfterTheCoolDownOneTrialSuccessClosesIt) {
  open_it();
  now_ += 5s;
  int calls = 0;
  breaker_.run([&] { ++calls; });
  EXPECT_EQ(calls, 1);
  EXPECT_EQ(breaker_.state(), BreakerState::closed);
  fail(19);  // the old failures were forgotten: it needs twenty new calls again
  EXPECT_EQ(breaker_.state(), BreakerState::closed);
}

TEST_F(CircuitBreakerTest, AFailedTrialOpensItForAnotherCoolDown) {
  open_it();
  now_ += 5s;
  fail(1);
  EXPECT_EQ(breaker_.state(), BreakerState::open);
  EXPECT_EQ(breaker_.times_opened(), 2U);
  now_ += 4s;
  EXPECT_THROW(breaker_.run([] {}), DependencyUnavailable);
  now_ += 1s;
  breaker_.run([] {});
  EXPECT_EQ(breaker_.state(), BreakerState::closed);
}

TEST_F(CircuitBreakerTest, OnlyOneTrialAtATime) {
  open_it();
  now_ += 5s;
  breaker_.run([&] {
    EXPECT_EQ(breaker_.state(), BreakerState::half_open);
    EXPECT_THROW(breaker_.run([] {}), DependencyUnavailable);  // a second caller during the trial
  });
  EXPECT_EQ(breaker_.state(), BreakerState::closed);
}

TEST_F(CircuitBreakerTest, ACallLetThroughBeforeItOpenedDoesNotDecideTheTrial) {
  // A slow call admitted while closed finishes after the breaker opened and went half-open.
  breaker_.run([&] {
    fail(20);
    ASSERT_EQ(breaker_.state(), BreakerState::open);
    now_ += 5s;
    breaker_.run([&] {
      EXPECT_EQ(breaker_.state(), BreakerState::half_open);
      EXPECT_THROW(breaker_.run([] {}), DependencyUnavailable);  // the trial is under way
    });
    EXPECT_EQ(breaker_.state(), BreakerState::closed);  // decided by the trial
    fail(19);
  });
  // The old call's success neither closed nor reopened anything, nor counted: 19 failures of 19 calls.
  EXPECT_EQ(breaker_.state(), BreakerState::closed);
  fail(1);
  EXPECT_EQ(breaker_.state(), BreakerState::open);
}

TEST_F(CircuitBreakerTest, ABadArgumentIsTheCallersMistakeNotAFailure) {
  for (int i = 0; i < 30; ++i) EXPECT_THROW(breaker_.run([] { throw std::invalid_argument("bad key"); }), std::invalid_argument);
  EXPECT_EQ(breaker_.state(), BreakerState::closed);
  fail(19);
  EXPECT_EQ(breaker_.state(), BreakerState::closed);  // 19 calls: the bad arguments did not count
}

TEST(BreakerStates, HaveStableNames) {
  EXPECT_EQ(to_string(BreakerState::closed), "closed");
  EXPECT_EQ(to_string(BreakerState::open), "open");
  EXPECT_EQ(to_string(BreakerState::half_open), "half_open");
}

}  // namespace
}  // namespace hc
