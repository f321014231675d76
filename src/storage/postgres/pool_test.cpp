#include "storage/postgres/pool.hpp"

#include <gtest/gtest.h>

#include <atomic>
#include <chrono>
#include <set>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "postgres_server.hpp"
#include "storage/postgres/error.hpp"

namespace hc::postgres {
namespace {

using namespace std::chrono_literals;

class PostgresPool : public ::testing::Test {
 protected:
  std::string url_ = test::shared_postgres().create_database();
};

TEST_F(PostgresPool, ReusesItsConnections) {
  ConnectionPool pool(ConnectionOptions{.url = url_}, 2);
  std::set<int> backends;
  for (int i = 0; i < 6; ++i) {
    backends.insert(pool.with_connection([](Connection& db) { return db.backend_pid(); }));
  }
  EXPECT_LE(backends.size(), 2U);
  EXPECT_EQ(pool.size(), 2U);
}

TEST_F(PostgresPool, AThreadWaitsForALeaseToComeBack) {
  ConnectionPool pool(ConnectionOptions{.url = url_}, 1);
  std::atomic<bool> got_it = false;
  std::thread waiter;
  {
    const auto lease = pool.acquire();
    waiter = std::thread([&] {
      const auto second = pool.acquire();
      got_it = true;
    });
    std::this_thread::sleep_for(50ms);
    EXPECT_FALSE(got_it);
  }
  waiter.join();
  EXPECT_TRUE(got_it);
}

TEST_F(PostgresPool, ReplacesABrokenConnectionOnTheNextAcquire) {
  ConnectionPool pool(ConnectionOptions{.url = url_}, 1);
  Connection admin(ConnectionOptions{.url = url_});
  int old_backend = 0;
  {
    const auto lease = pool.acquire();
    old_backend = lease->backend_pid();
    admin.exec("SELECT pg_terminate_backend($1, 5000)", old_backend);
    EXPECT_THROW(lease->exec("SELECT 1"), Error);
  }
  const auto lease = pool.acquire();
  EXPECT_FALSE(lease->is_broken());
  EXPECT_NE(lease->backend_pid(), old_backend);
  EXPECT_EQ(lease->exec("SELECT 1").int64(0, 0), 1);
}

TEST_F(PostgresPool, AConnectionTheServerEndedWhileIdleIsReplacedBeforeAnyoneUsesIt) {
  ConnectionPool pool(ConnectionOptions{.url = url_}, 1);
  const int old_backend = pool.acquire()->backend_pid();
  Connection admin(ConnectionOptions{.url = url_});
  admin.exec("SELECT pg_terminate_backend($1, 5000)", old_backend);  // as a server restart would
  const auto lease = pool.acquire();
  EXPECT_NE(lease->backend_pid(), old_backend);
  EXPECT_EQ(lease->exec("SELECT 1").int64(0, 0), 1);  // the first statement after it already works
}

TEST_F(PostgresPool, RollsBackATransactionLeftOpen) {
  ConnectionPool pool(ConnectionOptions{.url = url_}, 1);
  pool.with_connection([](Connection& db) {
    db.exec("CREATE TABLE t (n int)");
    db.exec("BEGIN");
    db.exec("INSERT INTO t VALUES (1)");
  });
  pool.with_connection([](Connection& db) {
    EXPECT_FALSE(db.in_transaction());
    EXPECT_EQ(db.exec("SELECT count(*) FROM t").int64(0, 0), 0);
  });
}

TEST_F(PostgresPool, ManyThreadsShareFewConnections) {
  ConnectionPool pool(ConnectionOptions{.url = url_}, 3);
  pool.with_connection([](Connection& db) { db.exec("CREATE TABLE hits (n int)"); });
  constexpr int kThreads = 8;
  constexpr int kInsertsEach = 10;
  std::vector<std::thread> threads;
  threads.reserve(kThreads);
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&pool] {
      for (int i = 0; i < kInsertsEach; ++i)
        pool.with_connection([](Connection& db) { db.exec("INSERT INTO hits VALUES (1)"); });
    });
  }
  for (std::thread& thread : threads) thread.join();
  EXPECT_EQ(pool.with_connection([](Connection& db) { return db.exec("SELECT count(*) FROM hits").int64(0, 0); }),
            kThreads * kInsertsEach);
}

TEST_F(PostgresPool, RefusesABadUrlAtConstruction) {
  EXPECT_THROW(ConnectionPool(ConnectionOptions{.url = "postgresql://nobody:x@127.0.0.1:1/db"}, 2), Error);
  EXPECT_THROW(ConnectionPool(ConnectionOptions{.url = url_}, 0), std::invalid_argument);
}

}  // namespace
}  // namespace hc::postgres
