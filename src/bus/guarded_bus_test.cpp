#include "bus/guarded_bus.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace hc::bus {
namespace {

using namespace std::chrono_literals;

// A bus whose publish fails while it is down, as the Redis bus does when Redis is away.
class FlakyBus final : public LiveBus {
 public:
  bool up = true;
  int published = 0;
  int attempts = 0;

  void publish(const LiveMessage&) override {
    ++attempts;
    if (!up) throw std::runtime_error("cannot connect to redis");
    ++published;
  }
  void subscribe(Handler) override {}
};

class GuardedBusTest : public ::testing::Test {
 protected:
  const LiveMessage message_ = std::make_shared<const Signal>(Signal{{"u1"}, R"({"type":"stats.changed"})"});
  FlakyBus inner_;
  std::chrono::steady_clock::time_point now_{std::chrono::hours(1000)};
  CircuitBreaker breaker_{"redis", BreakerOptions{}, Logger::null(), [this] { return now_; }};
  GuardedBus bus_{inner_, breaker_};
};

TEST_F(GuardedBusTest, PublishesWhileTheBusAnswers) {
  bus_.publish(message_);
  EXPECT_EQ(inner_.published, 1);
}

TEST_F(GuardedBusTest, AFailedPublishSaysWhichDependencyAndWhenToRetry) {
  inner_.up = false;
  try {
    bus_.publish(message_);
    FAIL() << "publish should throw";
  } catch (const DependencyUnavailable& e) {
    EXPECT_EQ(e.dependency(), "redis");
    EXPECT_EQ(e.retry_after(), kRetryAfterFailedCall);
  }
}

TEST_F(GuardedBusTest, AnOpenBreakerRefusesAtOnceAndTheBusIsTriedAgainAfterTheCoolDown) {
  inner_.up = false;
  for (int i = 0; i < 20; ++i) EXPECT_THROW(bus_.publish(message_), DependencyUnavailable);
  ASSERT_EQ(breaker_.state(), BreakerState::open);
  EXPECT_THROW(bus_.publish(message_), DependencyUnavailable);
  EXPECT_EQ(inner_.attempts, 20) << "the open breaker did not call the bus";

  inner_.up = true;
  now_ += 6s;
  bus_.publish(message_);
  EXPECT_EQ(breaker_.state(), BreakerState::closed);
  EXPECT_EQ(inner_.published, 1);
}

}  // namespace
}  // namespace hc::bus
