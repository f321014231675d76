#include "storage/sqlite/migrate.hpp"

#include <gtest/gtest.h>

#include <array>
#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <exception>
#include <filesystem>
#include <latch>
#include <stdexcept>
#include <string>
#include <system_error>
#include <thread>
#include <vector>

#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/error.hpp"

namespace hc::sqlite {
namespace {

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

bool table_exists(Connection& db, const std::string& name) {
  Statement& statement = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = ?");
  const bool found = statement.bind(1, name).step();
  statement.reset();
  return found;
}

// Not idempotent on purpose: applying any of them twice fails or leaves a second seed row.
constexpr std::array<Migration, 3> kMigrations = {{
    {1, "create_hotel", "CREATE TABLE hotel (id INTEGER PRIMARY KEY, name TEXT NOT NULL);"},
    {2, "create_coupon",
     "CREATE TABLE coupon (id INTEGER PRIMARY KEY, hotel_id INTEGER NOT NULL REFERENCES hotel (id));"
     "CREATE INDEX coupon_hotel ON coupon (hotel_id);"},
    {3, "seed_hotel", "INSERT INTO hotel (name) VALUES ('Dublín');"},
}};

class MigrateTest : public ::testing::Test {
 protected:
  MigrateTest() : db_(options_for(dir_.file("migrate.db"))) {}

  TempDir dir_;
  Connection db_;
};

TEST_F(MigrateTest, FreshDatabaseIsVersionZero) { EXPECT_EQ(current_schema_version(db_), 0); }

TEST_F(MigrateTest, AppliesEachMigrationOnce) {
  EXPECT_EQ(apply_migrations(db_, kMigrations), 3);
  EXPECT_EQ(current_schema_version(db_), 3);
  EXPECT_EQ(apply_migrations(db_, kMigrations), 0);
  EXPECT_EQ(current_schema_version(db_), 3);
  EXPECT_EQ(query_int(db_, "SELECT count(*) FROM hotel"), 1);

  Statement& recorded = db_.prepare("SELECT version, name, applied_at FROM schema_migrations ORDER BY version");
  for (const Migration& migration : kMigrations) {
    ASSERT_TRUE(recorded.step());
    EXPECT_EQ(recorded.int64(0), migration.version);
    EXPECT_EQ(recorded.text(1), migration.name);
    EXPECT_FALSE(recorded.text(2).empty());
  }
  EXPECT_FALSE(recorded.step());
}

TEST_F(MigrateTest, AppliesOnlyTheNewOnes) {
  EXPECT_EQ(apply_migrations(db_, std::span(kMigrations).first(2)), 2);
  EXPECT_EQ(current_schema_version(db_), 2);
  EXPECT_EQ(apply_migrations(db_, kMigrations), 1);
  EXPECT_EQ(current_schema_version(db_), 3);
}

TEST_F(MigrateTest, FailingMigrationLeavesNothingBehind) {
  ASSERT_EQ(apply_migrations(db_, std::span(kMigrations).first(1)), 1);
  const std::array<Migration, 2> with_broken = {{
      kMigrations[0],
      {2, "broken", "CREATE TABLE partial (x INTEGER); INSERT INTO nowhere VALUES (1);"},
  }};
  try {
    apply_migrations(db_, with_broken);
    FAIL() << "broken migration applied";
  } catch (const Error& error) {
    EXPECT_NE(std::string(error.what()).find("migration 2 'broken'"), std::string::npos) << error.what();
  }
  EXPECT_EQ(current_schema_version(db_), 1);
  EXPECT_FALSE(table_exists(db_, "partial"));
  EXPECT_EQ(query_int(db_, "SELECT count(*) FROM schema_migrations"), 1);
  EXPECT_FALSE(db_.in_transaction());
}

TEST_F(MigrateTest, FailingFirstMigrationLeavesVersionZero) {
  const std::array<Migration, 1> broken = {{{1, "broken", "CREATE TABLE partial (x); SELEC 1;"}}};
  EXPECT_THROW(apply_migrations(db_, broken), Error);
  EXPECT_EQ(current_schema_version(db_), 0);
  EXPECT_FALSE(table_exists(db_, "partial"));
}

TEST_F(MigrateTest, RejectsVersionsOutOfOrder) {
  const std::array<Migration, 2> descending = {{{2, "b", "SELECT 1"}, {1, "a", "SELECT 1"}}};
  const std::array<Migration, 2> repeated = {{{1, "a", "SELECT 1"}, {1, "b", "SELECT 1"}}};
  const std::array<Migration, 1> zero = {{{0, "zero", "SELECT 1"}}};
  EXPECT_THROW(apply_migrations(db_, descending), std::invalid_argument);
  EXPECT_THROW(apply_migrations(db_, repeated), std::invalid_argument);
  EXPECT_THROW(apply_migrations(db_, zero), std::invalid_argument);
  EXPECT_FALSE(table_exists(db_, "schema_migrations"));
}

// Two "processes" (separate connections, each opened in its own thread) race to migrate the same new file.
TEST(MigrateConcurrently, AppliesEachMigrationExactlyOnce) {
  constexpr int kRounds = 8;
  const std::array<Migration, 5> migrations = {{
      {1, "log", "CREATE TABLE log (version INTEGER NOT NULL)"},
      {2, "t2", "CREATE TABLE t2 (x); INSERT INTO log VALUES (2)"},
      {3, "t3", "CREATE TABLE t3 (x); INSERT INTO log VALUES (3)"},
      {4, "t4", "CREATE TABLE t4 (x); INSERT INTO log VALUES (4)"},
      {5, "t5", "CREATE TABLE t5 (x); INSERT INTO log VALUES (5)"},
  }};
  for (int round = 0; round < kRounds; ++round) {
    const TempDir dir;
    const std::string path = dir.file("race.db");
    std::latch start(2);
    std::array<int, 2> applied = {0, 0};
    std::array<std::string, 2> failures;
    std::vector<std::thread> threads;
    for (std::size_t t = 0; t < 2; ++t) {
      threads.emplace_back([&, t] {
        start.arrive_and_wait();
        try {
          Connection db(options_for(path));
          applied[t] = apply_migrations(db, migrations);
        } catch (const std::exception& error) {
          failures[t] = error.what();
        }
      });
    }
    for (std::thread& thread : threads) {
      thread.join();
    }
    EXPECT_EQ(failures[0], "");
    EXPECT_EQ(failures[1], "");
    EXPECT_EQ(applied[0] + applied[1], 5) << "round " << round;
    Connection db(options_for(path));
    EXPECT_EQ(current_schema_version(db), 5);
    EXPECT_EQ(query_int(db, "SELECT count(*) FROM log"), 4);
  }
}

}  // namespace
}  // namespace hc::sqlite
