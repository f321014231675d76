#include "storage/postgres/migrate.hpp"

#include <gtest/gtest.h>

#include <array>
#include <exception>
#include <latch>
#include <stdexcept>
#include <string>
#include <thread>
#include <vector>

#include "postgres_server.hpp"
#include "storage/postgres/connection.hpp"
#include "storage/postgres/error.hpp"

namespace hc::postgres {
namespace {

// Neither migration may run twice: a second CREATE TABLE fails, and the counter shows every run.
constexpr std::array kTwoMigrations{
    Migration{1, "first", "CREATE TABLE runs (version int); INSERT INTO runs VALUES (1); SELECT pg_sleep(0.05)"},
    Migration{2, "second", "CREATE TABLE second (id int); INSERT INTO runs VALUES (2)"},
};

class PostgresMigrate : public ::testing::Test {
 protected:
  std::string url_ = test::shared_postgres().create_database();
  Connection db_{ConnectionOptions{.url = url_}};
};

TEST_F(PostgresMigrate, AnEmptyDatabaseHasVersionZero) { EXPECT_EQ(current_schema_version(db_), 0); }

TEST_F(PostgresMigrate, AppliesEachMigrationOnceInOrder) {
  EXPECT_EQ(apply_migrations(db_, std::span(kTwoMigrations).first(1)), 1);
  EXPECT_EQ(current_schema_version(db_), 1);
  EXPECT_EQ(apply_migrations(db_, kTwoMigrations), 1);
  EXPECT_EQ(apply_migrations(db_, kTwoMigrations), 0);
  EXPECT_EQ(current_schema_version(db_), 2);
  EXPECT_EQ(db_.exec("SELECT string_agg(version::text, ',' ORDER BY version) FROM runs").text(0, 0), "1,2");
  EXPECT_EQ(db_.exec("SELECT name FROM schema_migrations WHERE version = 2").text(0, 0), "second");
}

TEST_F(PostgresMigrate, AFailingMigrationLeavesNothingBehindAndNamesItself) {
  const std::array migrations{
      kTwoMigrations[0],
      Migration{2, "broken", "CREATE TABLE half (id int); INSERT INTO missing VALUES (1)"},
  };
  try {
    apply_migrations(db_, migrations);
    FAIL() << "the broken migration was applied";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("migration 2 'broken'"), std::string::npos) << error.what();
    EXPECT_EQ(error.sqlstate(), "42P01");  // undefined table
  }
  EXPECT_EQ(current_schema_version(db_), 1);
  EXPECT_EQ(db_.exec("SELECT count(*) FROM pg_tables WHERE tablename = 'half'").int64(0, 0), 0);
  EXPECT_FALSE(db_.in_transaction());
}

TEST_F(PostgresMigrate, RefusesVersionsThatDoNotIncrease) {
  const std::array same{Migration{1, "a", "SELECT 1"}, Migration{1, "b", "SELECT 1"}};
  const std::array zero{Migration{0, "a", "SELECT 1"}};
  EXPECT_THROW(apply_migrations(db_, same), std::invalid_argument);
  EXPECT_THROW(apply_migrations(db_, zero), std::invalid_argument);
  EXPECT_EQ(current_schema_version(db_), 0);
}

TEST_F(PostgresMigrate, ProcessesMigratingAtOnceApplyEachMigrationOnce) {
  constexpr int kMigrators = 4;
  std::vector<Connection> connections;
  connections.reserve(kMigrators);
  for (int i = 0; i < kMigrators; ++i) connections.emplace_back(ConnectionOptions{.url = url_});
  std::latch start(kMigrators);
  std::array<int, kMigrators> applied{};
  std::array<std::exception_ptr, kMigrators> failures{};
  std::vector<std::thread> threads;
  for (std::size_t i = 0; i < connections.size(); ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      try {
        applied.at(i) = apply_migrations(connections[i], kTwoMigrations);
      } catch (...) {
        failures.at(i) = std::current_exception();
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  int total = 0;
  for (std::size_t i = 0; i < connections.size(); ++i) {
    EXPECT_FALSE(failures.at(i)) << "migrator " << i << " failed";
    total += applied.at(i);
  }
  EXPECT_EQ(total, 2);
  EXPECT_EQ(db_.exec("SELECT count(*) FROM runs").int64(0, 0), 2);
  EXPECT_EQ(current_schema_version(db_), 2);
}

}  // namespace
}  // namespace hc::postgres
