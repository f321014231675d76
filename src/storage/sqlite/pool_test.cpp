#include "storage/sqlite/pool.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <algorithm>
#include <atomic>
#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <optional>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

#include "storage/sqlite/error.hpp"

namespace hc::sqlite {
namespace {

using namespace std::chrono_literals;

class TempDir {
 public:
  TempDir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "hc-sqlite-test-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) {
      throw std::system_error(errno, std::generic_category(), "mkdtemp");
    }
    path_ = pattern;
  }
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;
  ~TempDir() {
    std::error_code ignored;
    std::filesystem::remove_all(path_, ignored);
  }

  [[nodiscard]] std::string file(const std::string& name) const { return (path_ / name).string(); }

 private:
  std::filesystem::path path_;
};

ConnectionOptions options_for(const std::string& path) {
  ConnectionOptions options;
  options.path = path;
  return options;
}

std::int64_t query_int(Connection& db, std::string_view sql) {
  Statement& statement = db.prepare(sql);
  EXPECT_TRUE(statement.step()) << sql;
  const std::int64_t value = statement.int64(0);
  statement.reset();
  return value;
}

class PoolTest : public ::testing::Test {
 protected:
  TempDir dir_;
  ConnectionOptions options_ = options_for(dir_.file("pool.db"));
};

TEST_F(PoolTest, RejectsAnEmptyPool) { EXPECT_THROW(ConnectionPool(options_, 0), std::invalid_argument); }

TEST_F(PoolTest, OpensConnectionsEagerly) {
  EXPECT_THROW(ConnectionPool(options_for(dir_.file("missing/dir.db")), 2), Error);
  const ConnectionPool pool(options_, 3);
  EXPECT_EQ(pool.size(), 3u);
  EXPECT_TRUE(std::filesystem::exists(options_.path));
}

TEST_F(PoolTest, LeasesDistinctConnections) {
  ConnectionPool pool(options_, 2);
  const ConnectionPool::Lease a = pool.acquire();
  const ConnectionPool::Lease b = pool.acquire();
  EXPECT_NE(&*a, &*b);
  EXPECT_NE(a->handle(), b->handle());
}

TEST_F(PoolTest, AcquireBlocksUntilALeaseReturns) {
  ConnectionPool pool(options_, 2);
  std::optional<ConnectionPool::Lease> first = pool.acquire();
  const ConnectionPool::Lease second = pool.acquire();
  const Connection* returned = &**first;

  std::atomic<bool> acquired = false;
  const Connection* third_connection = nullptr;
  std::thread waiter([&] {
    const ConnectionPool::Lease third = pool.acquire();
    third_connection = &*third;
    acquired = true;
  });
  std::this_thread::sleep_for(50ms);
  EXPECT_FALSE(acquired);

  first.reset();
  waiter.join();
  EXPECT_TRUE(acquired);
  EXPECT_EQ(third_connection, returned);
}

TEST_F(PoolTest, NeverLeasesMoreThanSizeAtOnce) {
  constexpr std::size_t kSize = 3;
  constexpr int kThreads = 6;
  constexpr int kRounds = 25;
  ConnectionPool pool(options_, kSize);
  pool.with_connection(
      [](Connection& db) { db.exec("CREATE TABLE counter (n INTEGER NOT NULL); INSERT INTO counter VALUES (0)"); });

  std::atomic<int> in_use = 0;
  std::atomic<int> most_in_use = 0;
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&] {
      for (int round = 0; round < kRounds; ++round) {
        pool.with_connection([&](Connection& db) {
          const int now = ++in_use;
          int seen = most_in_use.load();
          while (now > seen && !most_in_use.compare_exchange_weak(seen, now)) {
          }
          Transaction transaction(db);  // writers wait for each other instead of failing with SQLITE_BUSY
          db.exec("UPDATE counter SET n = n + 1");
          transaction.commit();
          --in_use;
        });
      }
    });
  }
  for (std::thread& thread : threads) {
    thread.join();
  }
  EXPECT_LE(most_in_use.load(), static_cast<int>(kSize));
  EXPECT_GE(most_in_use.load(), 1);
  const auto total = pool.with_connection([](Connection& db) { return query_int(db, "SELECT n FROM counter"); });
  EXPECT_EQ(total, kThreads * kRounds);
}

TEST_F(PoolTest, ReturnedConnectionIsClean) {
  ConnectionPool pool(options_, 1);
  pool.with_connection([](Connection& db) { db.exec("CREATE TABLE t (x INTEGER)"); });
  {
    const ConnectionPool::Lease lease = pool.acquire();
    lease->exec("BEGIN; INSERT INTO t VALUES (1)");
    Statement& half_read = lease->prepare("SELECT 1 UNION ALL SELECT 2");
    ASSERT_TRUE(half_read.step());
  }
  const ConnectionPool::Lease lease = pool.acquire();
  EXPECT_FALSE(lease->in_transaction());
  EXPECT_EQ(query_int(*lease, "SELECT count(*) FROM t"), 0);
  EXPECT_FALSE(sqlite3_stmt_busy(lease->prepare("SELECT 1 UNION ALL SELECT 2").handle()));
}

TEST_F(PoolTest, MovingALeaseMovesOwnership) {
  ConnectionPool pool(options_, 2);
  ConnectionPool::Lease a = pool.acquire();
  Connection* first = &*a;
  ConnectionPool::Lease b = std::move(a);
  EXPECT_EQ(&*b, first);

  ConnectionPool::Lease c = pool.acquire();
  Connection* second = &*c;
  c = std::move(b);  // gives `second` back
  EXPECT_EQ(&*c, first);
  const ConnectionPool::Lease d = pool.acquire();  // would block if `second` had not come back
  EXPECT_EQ(&*d, second);
}

TEST_F(PoolTest, WithConnectionPassesResultsAndExceptions) {
  ConnectionPool pool(options_, 1);
  EXPECT_EQ(pool.with_connection([](Connection& db) { return query_int(db, "SELECT 41 + 1"); }), 42);
  pool.with_connection([](Connection& db) { db.exec("CREATE TABLE t (x INTEGER)"); });
  EXPECT_THROW(pool.with_connection([](Connection& db) { db.exec("SELECT * FROM nowhere"); }), Error);
  const ConnectionPool::Lease still_free = pool.acquire();  // the throwing call returned its lease
  EXPECT_EQ(query_int(*still_free, "SELECT count(*) FROM t"), 0);
}

}  // namespace
}  // namespace hc::sqlite
