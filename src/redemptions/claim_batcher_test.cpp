// The claim batcher on a real SQLite database: a burst of claims is committed a batch at a time with each claim's
// own outcome, the awaiting coroutines resume on their own executor, a batch the repository fails fails its claims
// only, and a worker pool that stops never leaves a claim waiting.
#include "redemptions/claim_batcher.hpp"
#include "redemptions/service.hpp"
#include "storage/sqlite/database.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>

#include <memory>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace hc::redemptions {
namespace {

namespace asio = boost::asio;

const Clock::time_point kNow = Clock::time_point(parse_rfc3339("2026-06-02T12:00:00Z").value());

class ClaimBatcherTest : public ::testing::Test {
 protected:
  void SetUp() override {
    sqlite::ConnectionOptions options;
    options.path = (dir_.path() / "claims.db").string();
    db_ = std::make_unique<sqlite::SqliteDatabase>(options, 4);
    db_->migrate();
    exec(
        "INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES "
        "('owner-1', 'owner-1@example.com', 'Owner', 'hotelier', 'not-a-hash', '2026-01-01T00:00:00Z');"
        "INSERT INTO hotels (id, owner_id, name, city, country, timezone, created_at) VALUES "
        "('hotel-1', 'owner-1', 'Hotel', 'Dublin', 'IE', 'Europe/Dublin', '2026-01-01T00:00:00Z');"
        "INSERT INTO coupons (id, hotel_id, title, description, discount_percent, quantity, redeemed_count, "
        "per_user_limit, valid_from, valid_until, valid_from_date, valid_until_date, status, created_at, updated_at) "
        "VALUES ('coupon-1', 'hotel-1', 'Sea view', 'Two nights', 20, 50, 0, 1, '2026-01-01T00:00:00Z', "
        "'2030-12-31T23:59:59Z', '2026-01-01', '2030-12-31', 'active', '2026-01-01T00:00:00Z', "
        "'2026-01-01T00:00:00Z')");
    std::string travellers = "INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES ";
    for (int i = 0; i < kTravellers; ++i) {
      const std::string id = "t-" + std::to_string(i);
      travellers +=
          (i ? ", ('" : "('") + id + "', '" + id + "@example.com', '" + id + "', 'user', 'x', '2026-01-01T00:00:00Z')";
    }
    exec(travellers);
  }

  void exec(const std::string& sql) { db_->pool().acquire()->exec(sql); }

  std::int64_t query_int(const std::string& sql) {
    auto connection = db_->pool().acquire();
    sqlite::Statement& query = connection->prepare(sql);
    query.step();
    const std::int64_t value = query.int64(0);
    query.reset();
    return value;
  }

  //! Starts a coroutine claiming coupon-1 for `user_id`; its answer lands in `answer` once io_ runs.
  void spawn_claim(ClaimBatcher& batcher, std::string user_id, std::optional<ClaimBatcher::Answer>& answer) {
    asio::co_spawn(
        io_,
        [&batcher, &answer, user = std::move(user_id)]() -> asio::awaitable<void> {
          // Named: GCC 12 destroys an aggregate temporary inside a co_await expression twice.
          const Principal traveller{.user_id = user, .role = Role::user, .session_id = {}, .expires_at = {}};
          answer.emplace(co_await batcher.claim(traveller, "coupon-1"));
        },
        asio::detached);
  }

  static constexpr int kTravellers = 200;
  test::TempDir dir_;
  std::unique_ptr<sqlite::SqliteDatabase> db_;
  asio::io_context io_;
};

TEST_F(ClaimBatcherTest, ABurstOfClaimsGoesInFewBatchesAndStopsAtTheQuantity) {
  WorkerPool workers(2);
  ClaimBatcher batcher(
      db_->redemptions(), workers, [] { return kNow; }, Logger::null());
  std::vector<std::optional<ClaimBatcher::Answer>> answers(kTravellers);
  std::vector<std::thread::id> resumed_on(kTravellers);
  for (int i = 0; i < kTravellers; ++i) {
    asio::co_spawn(
        io_,
        [&, i]() -> asio::awaitable<void> {
          const Principal traveller{
              .user_id = "t-" + std::to_string(i), .role = Role::user, .session_id = {}, .expires_at = {}};
          answers[static_cast<std::size_t>(i)].emplace(co_await batcher.claim(traveller, "coupon-1"));
          resumed_on[static_cast<std::size_t>(i)] = std::this_thread::get_id();
        },
        asio::detached);
  }
  io_.run();  // returns once every claim is answered: each waiting claim keeps io_ busy

  int granted = 0;
  int sold_out = 0;
  for (int i = 0; i < kTravellers; ++i) {
    const auto& answer = answers[static_cast<std::size_t>(i)];
    ASSERT_TRUE(answer.has_value()) << "claim " << i << " was never answered";
    EXPECT_EQ(resumed_on[static_cast<std::size_t>(i)], std::this_thread::get_id()) << "resumed on its own executor";
    if (answer->ok()) {
      ++granted;
      EXPECT_EQ((*answer)->user_id, "t-" + std::to_string(i));
    } else if (answer->error().code == Errc::sold_out) {
      ++sold_out;
    }
  }
  EXPECT_EQ(granted, 50);
  EXPECT_EQ(sold_out, kTravellers - 50);
  EXPECT_EQ(query_int("SELECT redeemed_count FROM coupons WHERE id = 'coupon-1'"), 50);
  EXPECT_EQ(query_int("SELECT count(*) FROM redemptions"), 50);

  const ClaimBatchStats stats = batcher.stats();
  EXPECT_EQ(stats.claims, static_cast<std::uint64_t>(kTravellers));
  EXPECT_GT(stats.largest, 1U) << "claims that came during a commit went together";
  EXPECT_LT(stats.batches, stats.claims);
  EXPECT_LE(stats.largest, ClaimBatcher::kMaxBatch);
}

TEST_F(ClaimBatcherTest, BatchesHoldAtMostTheBound) {
  WorkerPool workers(2);
  ClaimBatcher batcher(
      db_->redemptions(), workers, [] { return kNow; }, Logger::null(), 8);
  std::vector<std::optional<ClaimBatcher::Answer>> answers(40);
  for (std::size_t i = 0; i < answers.size(); ++i) spawn_claim(batcher, "t-" + std::to_string(i), answers[i]);
  io_.run();
  for (const auto& answer : answers) {
    ASSERT_TRUE(answer.has_value());
    EXPECT_TRUE(answer->ok());
  }
  EXPECT_EQ(batcher.stats().claims, 40U);
  EXPECT_EQ(batcher.stats().largest, 8U);
}

TEST_F(ClaimBatcherTest, ABatchTheRepositoryFailsFailsItsClaimsAndTheNextOneWorks) {
  WorkerPool workers(2);
  ClaimBatcher batcher(
      db_->redemptions(), workers, [] { return kNow; }, Logger::null());
  std::optional<ClaimBatcher::Answer> failed;
  spawn_claim(batcher, "nobody", failed);  // no such user: the insert breaks a foreign key and the batch throws
  io_.run();
  ASSERT_TRUE(failed.has_value());
  ASSERT_FALSE(failed->ok());
  EXPECT_EQ(failed->error().code, Errc::internal);
  EXPECT_EQ(query_int("SELECT redeemed_count FROM coupons WHERE id = 'coupon-1'"), 0);

  std::optional<ClaimBatcher::Answer> granted;
  spawn_claim(batcher, "t-0", granted);
  io_.restart();
  io_.run();
  ASSERT_TRUE(granted.has_value());
  EXPECT_TRUE(granted->ok());
}

TEST_F(ClaimBatcherTest, ClaimsLeftWhenThePoolStopsAreRefusedNotLeftWaiting) {
  auto workers = std::make_unique<WorkerPool>(1);
  ClaimBatcher batcher(
      db_->redemptions(), *workers, [] { return kNow; }, Logger::null());
  workers->stop();  // its threads are gone: what is posted now never runs
  std::optional<ClaimBatcher::Answer> queued;
  spawn_claim(batcher, "t-0", queued);
  io_.poll();
  EXPECT_FALSE(queued.has_value());
  workers.reset();  // destroys the batch it never ran
  io_.run();
  ASSERT_TRUE(queued.has_value());
  ASSERT_FALSE(queued->ok());
  EXPECT_EQ(queued->error().code, Errc::unavailable);

  std::optional<ClaimBatcher::Answer> later;
  spawn_claim(batcher, "t-1", later);
  io_.restart();
  io_.run();
  ASSERT_TRUE(later.has_value());
  EXPECT_EQ(later->error().code, Errc::unavailable) << "refused at once";
  EXPECT_EQ(query_int("SELECT count(*) FROM redemptions"), 0);
}

TEST(ClaimAnswer, ACollidingCodeIsDrawnAgainUpToTheLastAttempt) {
  const Result<Redemption, Errc> taken = Failure{Errc::code_taken};
  EXPECT_FALSE(claim_answer(taken, 1).has_value());
  EXPECT_FALSE(claim_answer(taken, kCodeAttempts - 1).has_value());
  const auto last = claim_answer(taken, kCodeAttempts);
  ASSERT_TRUE(last.has_value());
  EXPECT_EQ(last->error().code, Errc::internal);
  const auto sold_out = claim_answer(Failure{Errc::sold_out}, 1);
  ASSERT_TRUE(sold_out.has_value());
  EXPECT_EQ(sold_out->error().code, Errc::sold_out);
}

}  // namespace
}  // namespace hc::redemptions
