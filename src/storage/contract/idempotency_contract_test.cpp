// The idempotency store's promises on both engines: one claim per owner and key, replays of the first answer,
// mismatches, abandoned keys, expiry after the lifetime, and exactly one winner among concurrent claims.
#include <gtest/gtest.h>

#include <atomic>
#include <latch>
#include <thread>
#include <vector>

#include "storage_contract.hpp"

namespace hc::test {
namespace {

using namespace std::chrono_literals;
using Outcome = net::IdempotencyBegin::Outcome;

const SysSeconds kNow = *parse_rfc3339("2026-03-01T12:00:00Z");

class IdempotencyStorage : public StorageContract {
 protected:
  net::IdempotencyBegin begin(std::string_view owner, std::string_view key, std::string_view fingerprint,
                              SysSeconds now = kNow) {
    return db().idempotency().begin(owner, key, fingerprint, now);
  }
};

TEST_P(IdempotencyStorage, TheFirstRequestWithAKeyClaimsIt) {
  EXPECT_EQ(begin("user-1", "key-1", "POST /coupons #1").outcome, Outcome::fresh);
}

TEST_P(IdempotencyStorage, TheSameRequestWhileTheFirstIsUnansweredIsInFlight) {
  ASSERT_EQ(begin("user-1", "key-1", "fp-1").outcome, Outcome::fresh);
  EXPECT_EQ(begin("user-1", "key-1", "fp-1").outcome, Outcome::in_flight);
}

TEST_P(IdempotencyStorage, AnotherRequestWithTheSameKeyIsAMismatch) {
  ASSERT_EQ(begin("user-1", "key-1", "fp-1").outcome, Outcome::fresh);
  EXPECT_EQ(begin("user-1", "key-1", "fp-2").outcome, Outcome::mismatch);
  db().idempotency().finish("user-1", "key-1", 201, "application/json", "{}");
  EXPECT_EQ(begin("user-1", "key-1", "fp-2").outcome, Outcome::mismatch);
}

TEST_P(IdempotencyStorage, AnAnsweredRequestIsReplayedWithItsFirstAnswer) {
  ASSERT_EQ(begin("user-1", "key-1", "fp-1").outcome, Outcome::fresh);
  db().idempotency().finish("user-1", "key-1", 201, "application/json", R"({"title":"Été à Αθήνα"})");
  const auto replay = begin("user-1", "key-1", "fp-1", kNow + 1h);
  EXPECT_EQ(replay.outcome, Outcome::replay);
  EXPECT_EQ(replay.status, 201U);
  EXPECT_EQ(replay.content_type, "application/json");
  EXPECT_EQ(replay.body, R"({"title":"Été à Αθήνα"})");
}

TEST_P(IdempotencyStorage, AnEmptyAnswerIsReplayedToo) {
  ASSERT_EQ(begin("user-1", "key-1", "fp-1").outcome, Outcome::fresh);
  db().idempotency().finish("user-1", "key-1", 204, "", "");
  const auto replay = begin("user-1", "key-1", "fp-1");
  EXPECT_EQ(replay.outcome, Outcome::replay);
  EXPECT_EQ(replay.status, 204U);
  EXPECT_EQ(replay.body, "");
}

TEST_P(IdempotencyStorage, EachOwnerHasKeysOfTheirOwn) {
  ASSERT_EQ(begin("user-1", "key-1", "fp-1").outcome, Outcome::fresh);
  EXPECT_EQ(begin("user-2", "key-1", "fp-2").outcome, Outcome::fresh);
  EXPECT_EQ(begin("user-1", "key-2", "fp-1").outcome, Outcome::fresh);
}

TEST_P(IdempotencyStorage, AnAbandonedKeyCanBeClaimedAgain) {
  ASSERT_EQ(begin("user-1", "key-1", "fp-1").outcome, Outcome::fresh);
  ASSERT_EQ(begin("user-2", "key-1", "fp-1").outcome, Outcome::fresh);
  db().idempotency().abandon("user-1", "key-1");
  EXPECT_EQ(begin("user-1", "key-1", "fp-2").outcome, Outcome::fresh);
  EXPECT_EQ(begin("user-2", "key-1", "fp-1").outcome, Outcome::in_flight) << "another owner's key stays";
}

TEST_P(IdempotencyStorage, AKeyLastsItsLifetimeAndIsThenForgotten) {
  ASSERT_EQ(begin("user-1", "key-1", "fp-1").outcome, Outcome::fresh);
  db().idempotency().finish("user-1", "key-1", 201, "text/plain", "first");
  EXPECT_EQ(begin("user-1", "key-1", "fp-1", kNow + net::kIdempotencyKeyLifetime).outcome, Outcome::replay);
  const auto later = begin("user-1", "key-1", "fp-2", kNow + net::kIdempotencyKeyLifetime + 1s);
  EXPECT_EQ(later.outcome, Outcome::fresh);
}

TEST_P(IdempotencyStorage, ExpiredKeysAreForgottenWhenAnyKeyIsClaimed) {
  ASSERT_EQ(begin("user-1", "old-1", "fp").outcome, Outcome::fresh);
  ASSERT_EQ(begin("user-2", "old-2", "fp", kNow + 1h).outcome, Outcome::fresh);
  ASSERT_EQ(begin("user-3", "new", "fp", kNow + net::kIdempotencyKeyLifetime + 30min).outcome, Outcome::fresh);
  EXPECT_EQ(query_int("SELECT count(*) FROM idempotency_keys"), 2) << "only the key past its lifetime is gone";
}

TEST_P(IdempotencyStorage, ConcurrentClaimsOfOneKeyLetExactlyOneThrough) {
  constexpr int kThreads = 4;
  std::latch start(kThreads);
  std::atomic<int> fresh{0};
  std::atomic<int> in_flight{0};
  std::vector<std::jthread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&] {
      start.arrive_and_wait();
      const auto outcome = begin("user-1", "key-1", "fp-1").outcome;
      if (outcome == Outcome::fresh) ++fresh;
      if (outcome == Outcome::in_flight) ++in_flight;
    });
  }
  threads.clear();
  EXPECT_EQ(fresh.load(), 1);
  EXPECT_EQ(in_flight.load(), kThreads - 1);
}

HC_STORAGE_CONTRACT(IdempotencyStorage);

}  // namespace
}  // namespace hc::test
