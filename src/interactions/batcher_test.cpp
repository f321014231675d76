// The socket events' batcher: what one pass hands to the queue. Events without an id are added up per coupon,
// action and minute; events with an id stay one each; nothing is lost or counted twice, also when a pass fails.
#include "interactions/batcher.hpp"

#include "storage/sqlite/coupon_repository.hpp"
#include "storage/sqlite/interaction_repository.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <array>
#include <map>
#include <random>
#include <stdexcept>
#include <tuple>

namespace hc::interactions {
namespace {

const SysSeconds kMinute = parse_rfc3339("2026-06-02T12:00:00Z").value();

// A queue that keeps what it is handed, and can be made to fail once as a busy disk would.
class RecordingQueue final : public InteractionQueue {
 public:
  std::size_t push(const std::vector<Interaction>& records, SysSeconds /*now*/) override {
    if (fail_next) {
      fail_next = false;
      throw std::runtime_error("database is locked");
    }
    pushed.insert(pushed.end(), records.begin(), records.end());
    return event_count(records);
  }
  FoldResult fold_once(std::size_t /*batch*/, SysSeconds /*now*/) override { return {}; }
  std::pair<std::int64_t, std::chrono::seconds> backlog(SysSeconds /*now*/) override { return {0, {}}; }

  std::vector<Interaction> pushed;
  bool fail_next = false;
};

class InteractionBatcherTest : public ::testing::Test {
 protected:
  // The service needs repositories for the statistics, which these tests never read.
  test::TempDir dir_;
  sqlite::ConnectionPool pool_{{(dir_.path() / "unused.db").string()}, 1};
  sqlite::SqliteInteractionRepository counters_{pool_};
  sqlite::SqliteCouponRepository coupons_{pool_};
  RecordingQueue queue_;
  InteractionService service_{queue_, counters_, coupons_, [] { return Clock::now(); }};
  InteractionBatcher batcher_{service_};

  void add(std::string coupon_id, std::string action, SysSeconds at, std::optional<std::string> id = std::nullopt) {
    batcher_.add({std::move(id), std::move(coupon_id), std::move(action), at});
  }
};

TEST_F(InteractionBatcherTest, ManyEventsOfOneCouponActionAndMinuteBecomeOneRecordWithTheirCount) {
  for (int i = 0; i < 1000; ++i) add("coupon-1", "view", kMinute + std::chrono::seconds(59 - i % 60));
  EXPECT_EQ(batcher_.flush(), 1000U) << "the pass still says how many events it handled";
  ASSERT_EQ(queue_.pushed.size(), 1U);
  const Interaction& record = queue_.pushed[0];
  EXPECT_EQ(record.count, 1000);
  EXPECT_EQ(record.coupon_id, "coupon-1");
  EXPECT_EQ(record.action, "view");
  EXPECT_EQ(record.at, kMinute) << "the earliest event's time";
  EXPECT_FALSE(record.id);
}

TEST_F(InteractionBatcherTest, DifferentMinutesActionsOrCouponsStayApart) {
  add("coupon-1", "view", kMinute + std::chrono::seconds(59));
  add("coupon-1", "view", kMinute + std::chrono::seconds(60));  // the next minute
  add("coupon-1", "click", kMinute + std::chrono::seconds(30));
  add("coupon-2", "view", kMinute + std::chrono::seconds(30));
  add("coupon-1", "view", kMinute + std::chrono::seconds(10));
  add("coupon-1", "view", kMinute + std::chrono::seconds(61));
  batcher_.flush();
  ASSERT_EQ(queue_.pushed.size(), 4U);
  const auto is = [](const Interaction& r, std::string_view coupon, std::string_view action, int second, int count) {
    return r.coupon_id == coupon && r.action == action && r.at == kMinute + std::chrono::seconds(second) &&
           r.count == count;
  };
  EXPECT_TRUE(is(queue_.pushed[0], "coupon-1", "view", 10, 2)) << "in the order each group first came";
  EXPECT_TRUE(is(queue_.pushed[1], "coupon-1", "view", 60, 2));
  EXPECT_TRUE(is(queue_.pushed[2], "coupon-1", "click", 30, 1));
  EXPECT_TRUE(is(queue_.pushed[3], "coupon-2", "view", 30, 1));
}

TEST_F(InteractionBatcherTest, EventsWithAnIdStayOneEach) {
  add("coupon-1", "view", kMinute, "user-1:e-1");
  add("coupon-1", "view", kMinute, "user-1:e-2");
  add("coupon-1", "view", kMinute);
  add("coupon-1", "view", kMinute, "user-2:e-1");
  add("coupon-1", "view", kMinute);
  batcher_.flush();
  std::vector<std::string> ids;
  std::int64_t without_id = 0;
  for (const Interaction& record : queue_.pushed) {
    if (record.id) {
      EXPECT_EQ(record.count, 1) << *record.id;
      ids.push_back(*record.id);
    } else {
      without_id += record.count;
    }
  }
  EXPECT_EQ(ids, (std::vector<std::string>{"user-1:e-1", "user-1:e-2", "user-2:e-1"}));
  EXPECT_EQ(queue_.pushed.size(), 4U) << "three with an id, one for the two without";
  EXPECT_EQ(without_id, 2);
}

TEST_F(InteractionBatcherTest, TheCountsAddUpToWhatWasAdded) {
  using Key = std::tuple<std::string, std::string, std::int64_t>;  // coupon, action, minute
  std::mt19937 random(7);
  std::map<Key, std::int64_t> added;
  std::size_t with_id = 0;
  constexpr int kEvents = 5000;
  for (int i = 0; i < kEvents; ++i) {
    const std::string coupon = "coupon-" + std::to_string(random() % 5);
    const std::string action = std::array{"view", "click", "share"}[random() % 3];
    const SysSeconds at = kMinute + std::chrono::seconds(static_cast<int>(random() % 300));
    const bool has_id = random() % 10 == 0;
    add(coupon, action, at, has_id ? std::make_optional("user-1:e-" + std::to_string(i)) : std::nullopt);
    with_id += has_id ? 1 : 0;
    ++added[{coupon, action, std::chrono::floor<std::chrono::minutes>(at).time_since_epoch().count()}];
  }
  EXPECT_EQ(batcher_.flush(), std::size_t{kEvents});
  std::map<Key, std::int64_t> queued;
  for (const Interaction& record : queue_.pushed) {
    queued[{record.coupon_id, record.action,
            std::chrono::floor<std::chrono::minutes>(record.at).time_since_epoch().count()}] += record.count;
  }
  EXPECT_EQ(queued, added);
  EXPECT_EQ(event_count(queue_.pushed), std::size_t{kEvents});
  EXPECT_LE(queue_.pushed.size(), with_id + 5 * 3 * 5) << "one record per event with an id, and per group";
}

TEST_F(InteractionBatcherTest, APassThatFailsKeepsItsEventsForTheNextAndCountsThemOnce) {
  for (int i = 0; i < 10; ++i) add("coupon-1", "share", kMinute);
  queue_.fail_next = true;
  EXPECT_THROW(batcher_.flush(), std::runtime_error);
  for (int i = 0; i < 5; ++i) add("coupon-1", "share", kMinute);
  EXPECT_EQ(batcher_.flush(), 15U);
  ASSERT_EQ(queue_.pushed.size(), 1U);
  EXPECT_EQ(queue_.pushed[0].count, 15);
}

TEST_F(InteractionBatcherTest, TheBoundCountsEventsAndDropsWhatOverflows) {
  InteractionBatcher small(service_, 10);
  for (int i = 0; i < 15; ++i) small.add({std::nullopt, "coupon-1", "view", kMinute});
  EXPECT_EQ(small.flush(), 15U) << "ten queued, five dropped";
  ASSERT_EQ(queue_.pushed.size(), 1U);
  EXPECT_EQ(queue_.pushed[0].count, 10);
  EXPECT_EQ(service_.gauges().dropped_total.load(), 5);
}

}  // namespace
}  // namespace hc::interactions
