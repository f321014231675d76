// The interaction queue's promises, on the database's own queue and on the Redis stream (with SQLite holding the
// counters): what is pushed is counted exactly once after folding, also with two consumers folding at once; and,
// for the stream only, entries a dead consumer left behind are claimed and still counted once, and a push while
// Redis is away falls back to the database.
#include "interactions/queue.hpp"
#include "redis/stream_queue.hpp"
#include "redis_server.hpp"
#include "storage/sqlite/database.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <functional>
#include <memory>
#include <optional>
#include <thread>
#include <vector>

namespace hc::interactions {
namespace {

using namespace std::chrono_literals;

const SysSeconds kNow = parse_rfc3339("2026-06-02T12:00:00Z").value();
constexpr std::chrono::milliseconds kClaimAfter{200};
constexpr std::chrono::seconds kPatience{15};  // how long a test waits for a claim before it fails

enum class Kind { database, redis_stream };

std::string kind_name(const ::testing::TestParamInfo<Kind>& info) {
  return info.param == Kind::database ? "Database" : "RedisStream";
}

class QueueContract : public ::testing::TestWithParam<Kind> {
 protected:
  void SetUp() override {
    sqlite::ConnectionOptions options;
    options.path = (dir_.path() / "queue.db").string();
    db_ = std::make_unique<sqlite::SqliteDatabase>(options, 4);
    db_->migrate();
    db_->pool().acquire()->exec(
        "INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES "
        "('owner-1', 'owner-1@example.com', 'Owner', 'hotelier', 'not-a-hash', '2026-01-01T00:00:00Z');"
        "INSERT INTO hotels (id, owner_id, name, city, country, timezone, created_at) VALUES "
        "('hotel-1', 'owner-1', 'Hotel', 'Dublin', 'IE', 'Europe/Dublin', '2026-01-01T00:00:00Z');");
    for (const char* id : {"coupon-1", "coupon-2"}) {
      db_->pool().acquire()->exec(
          std::string("INSERT INTO coupons (id, hotel_id, title, description, discount_percent, quantity, "
                      "redeemed_count, per_user_limit, valid_from, valid_until, valid_from_date, "
                      "valid_until_date, status, created_at, updated_at) VALUES ('") +
          id +
          "', 'hotel-1', 'Sea view', 'Two nights', 20, NULL, 0, 1, '2026-01-01T00:00:00Z', "
          "'2030-12-31T23:59:59Z', '2026-01-01', '2030-12-31', 'active', '2026-01-01T00:00:00Z', "
          "'2026-01-01T00:00:00Z')");
    }
    if (GetParam() == Kind::redis_stream) {
      redis_.emplace();
      pool_.emplace(redis::PoolOptions{.connection = redis_->connection_options()});
    }
  }

  //! A consumer: one process's queue (each with its own name on the stream).
  std::unique_ptr<InteractionQueue> consumer() {
    if (GetParam() == Kind::database) return std::make_unique<DatabaseQueue>(db_->interactions());
    return stream_consumer();
  }

  std::unique_ptr<redis::RedisStreamQueue> stream_consumer() {
    return std::make_unique<redis::RedisStreamQueue>(
        *pool_, breaker_, db_->interactions(),
        redis::StreamQueueOptions{.consumer = redis::unique_consumer_name(), .claim_after = kClaimAfter},
        Logger::null());
  }

  std::int64_t counted(std::string_view column = "views") {
    auto connection = db_->pool().acquire();
    sqlite::Statement& query =
        connection->prepare("SELECT coalesce(sum(" + std::string(column) + "), 0) FROM coupon_daily");
    query.step();
    const std::int64_t total = query.int64(0);
    query.reset();
    return total;
  }

  //! Folds until nothing waits; returns what the passes folded.
  static std::size_t fold_all(InteractionQueue& queue) {
    std::size_t folded = 0;
    while (true) {
      const FoldResult result = queue.fold_once(50, kNow);
      folded += result.folded;
      if (result.folded + result.dropped == 0 && queue.backlog(kNow).first == 0) return folded;
    }
  }

  //! Folds until `done` holds, for at most kPatience (a claim waits for entries to be idle long enough); returns
  //! what the passes folded.
  static std::size_t fold_until(InteractionQueue& queue, const std::function<bool()>& done) {
    const auto deadline = std::chrono::steady_clock::now() + kPatience;
    std::size_t folded = 0;
    while (!done() && std::chrono::steady_clock::now() < deadline) {
      folded += queue.fold_once(50, kNow).folded;
      std::this_thread::sleep_for(20ms);
    }
    return folded;
  }

  static std::vector<Interaction> views(int n, std::string_view coupon_id = "coupon-1") {
    std::vector<Interaction> events;
    for (int i = 0; i < n; ++i) events.push_back({std::nullopt, std::string(coupon_id), "view", kNow});
    return events;
  }

  test::TempDir dir_;
  std::unique_ptr<sqlite::SqliteDatabase> db_;
  std::optional<test::RedisServer> redis_;
  std::optional<redis::Pool> pool_;
  CircuitBreaker breaker_{"redis", BreakerOptions{}, Logger::null()};
};

TEST_P(QueueContract, PushedEventsAreCountedOnceAfterAFold) {
  auto queue = consumer();
  EXPECT_EQ(queue->push(views(3), kNow), 3U);
  EXPECT_EQ(queue->backlog(kNow).first, 3) << "durable and waiting before the fold";
  const FoldResult result = queue->fold_once(100, kNow);
  EXPECT_EQ(result.folded, 3U);
  EXPECT_EQ(result.changed_hotel_owners, std::vector<std::string>{"owner-1"});
  EXPECT_EQ(counted(), 3);
  EXPECT_EQ(queue->fold_once(100, kNow).folded, 0U);
  EXPECT_EQ(queue->backlog(kNow).first, 0);
  EXPECT_EQ(counted(), 3);
}

TEST_P(QueueContract, ARecordIsCountedAsTheEventsItsCountStandsFor) {
  auto queue = consumer();
  EXPECT_EQ(queue->push({{std::nullopt, "coupon-1", "view", kNow, 25}, {"user-1:e-1", "coupon-1", "view", kNow}}, kNow),
            26U);
  EXPECT_EQ(fold_all(*queue), 26U);
  EXPECT_EQ(counted(), 26);
}

TEST_P(QueueContract, AnEventIdPushedTwiceIsCountedOnce) {
  auto queue = consumer();
  queue->push({{"user-1:e-1", "coupon-1", "click", kNow}, {"user-1:e-2", "coupon-1", "click", kNow}}, kNow);
  queue->push({{"user-1:e-1", "coupon-1", "click", kNow}}, kNow);
  fold_all(*queue);
  queue->push({{"user-1:e-2", "coupon-1", "click", kNow}}, kNow);
  fold_all(*queue);
  EXPECT_EQ(counted("clicks"), 2);
}

TEST_P(QueueContract, EventsOfUnknownCouponsAreDropped) {
  auto queue = consumer();
  queue->push({{std::nullopt, "coupon-1", "share", kNow}, {std::nullopt, "gone", "share", kNow}}, kNow);
  const FoldResult result = queue->fold_once(100, kNow);
  EXPECT_EQ(result.folded, 1U);
  EXPECT_EQ(result.dropped, 1U);
  EXPECT_EQ(queue->backlog(kNow).first, 0) << "the dropped event does not wait for ever";
  EXPECT_EQ(counted("shares"), 1);
}

TEST_P(QueueContract, TwoConsumersFoldingAtOnceCountEveryEventExactlyOnce) {
  constexpr int kEvents = 400;
  auto first = consumer();
  auto second = consumer();
  for (int i = 0; i < kEvents / 10; ++i) {
    (i % 2 ? first : second)->push(views(10, i % 3 ? "coupon-1" : "coupon-2"), kNow);
  }
  std::atomic<std::size_t> folded{0};
  std::thread other([&] { folded += fold_all(*second); });
  folded += fold_all(*first);
  other.join();
  EXPECT_EQ(folded.load(), std::size_t{kEvents});
  EXPECT_EQ(counted(), kEvents);
}

INSTANTIATE_TEST_SUITE_P(Queues, QueueContract, ::testing::Values(Kind::database, Kind::redis_stream), kind_name);

// What only the stream does: consumers die, and Redis goes away.
class RedisStreamQueueTest : public QueueContract {};

TEST_P(RedisStreamQueueTest, EntriesOfAConsumerThatDiedBeforeCommittingAreClaimedAndCountedOnce) {
  auto survivor = stream_consumer();
  {
    auto dying = stream_consumer();
    dying->push(views(5), kNow);
    ASSERT_EQ(dying->take(100).events.size(), 5U);
  }  // dies holding the entries, uncounted and unacknowledged
  fold_until(*survivor, [&] { return counted() > 0; });
  EXPECT_EQ(counted(), 5);
  fold_all(*survivor);
  EXPECT_EQ(counted(), 5);
  EXPECT_EQ(survivor->backlog(kNow).first, 0);
}

TEST_P(RedisStreamQueueTest, EntriesCommittedByAConsumerThatDiedBeforeAcknowledgingAreNotCountedTwice) {
  auto survivor = stream_consumer();
  {
    auto dying = stream_consumer();
    dying->push(views(5), kNow);
    const redis::TakenEntries taken = dying->take(100);
    ASSERT_EQ(dying->count(taken, kNow).folded, 5U);
  }  // dies after the commit, before XACK
  std::size_t folded_again = fold_until(*survivor, [&] { return survivor->backlog(kNow).first == 0; });
  folded_again += fold_all(*survivor);
  EXPECT_EQ(survivor->backlog(kNow).first, 0) << "claimed, skipped and acknowledged";
  EXPECT_EQ(folded_again, 0U);
  EXPECT_EQ(counted(), 5);
}

TEST_P(RedisStreamQueueTest, WhileRedisIsStoppedPushFallsBackToTheDatabaseAndTheFoldCountsThem) {
  auto queue = stream_consumer();
  queue->push(views(2), kNow);
  redis_->stop();
  EXPECT_EQ(queue->push(views(3), kNow), 3U) << "the API does not fail";
  EXPECT_EQ(queue->backlog(kNow).first, 3) << "the stream's entries are lost with that Redis; the database's wait";
  EXPECT_EQ(queue->fold_once(100, kNow).folded, 3U);
  redis_->start();
  queue->push(views(4), kNow);
  fold_all(*queue);
  EXPECT_EQ(counted(), 7) << "a Redis restarted empty gets its stream and group again";
}

TEST_P(RedisStreamQueueTest, AnEntryOfAnUnknownPayloadVersionIsDroppedNotRetriedForEver) {
  auto queue = stream_consumer();
  redis::Connection(redis_->connection_options()).command("XADD", "hc:interactions", "*", "v", "2", "e", "{}");
  queue->push(views(1), kNow);
  const FoldResult result = queue->fold_once(100, kNow);
  EXPECT_EQ(result.folded, 1U);
  EXPECT_EQ(result.dropped, 1U);
  EXPECT_EQ(queue->backlog(kNow).first, 0);
}

TEST_P(RedisStreamQueueTest, AnEntryWithoutACountAsOlderNodesWroteItCountsOne) {
  auto queue = stream_consumer();
  redis::Connection(redis_->connection_options())
      .command("XADD", "hc:interactions", "*", "v", "1", "c", "coupon-1", "a", "view", "t", "2026-06-02T12:00:00Z");
  queue->push({{std::nullopt, "coupon-1", "view", kNow, 3}}, kNow);
  EXPECT_EQ(fold_all(*queue), 4U);
  EXPECT_EQ(counted(), 4);
}

TEST_P(RedisStreamQueueTest, AnEntryWithABadCountIsDroppedNotRetriedForEver) {
  auto queue = stream_consumer();
  redis::Connection probe(redis_->connection_options());
  for (const char* bad : {"0", "-2", "many"}) {
    probe.command("XADD", "hc:interactions", "*", "v", "1", "c", "coupon-1", "a", "view", "t", "2026-06-02T12:00:00Z",
                  "n", bad);
  }
  const FoldResult result = queue->fold_once(100, kNow);
  EXPECT_EQ(result.folded, 0U);
  EXPECT_EQ(result.dropped, 3U);
  EXPECT_EQ(queue->backlog(kNow).first, 0);
  EXPECT_EQ(counted(), 0);
}

INSTANTIATE_TEST_SUITE_P(Queues, RedisStreamQueueTest, ::testing::Values(Kind::redis_stream), kind_name);

}  // namespace
}  // namespace hc::interactions
