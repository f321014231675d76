#include "storage/sqlite/connection.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cerrno>
#include <chrono>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string>
#include <system_error>
#include <utility>

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

std::string query_text(Connection& db, std::string_view sql) {
  Statement& statement = db.prepare(sql);
  EXPECT_TRUE(statement.step()) << sql;
  std::string value = statement.text(0);
  statement.reset();
  return value;
}

class ConnectionTest : public ::testing::Test {
 protected:
  ConnectionTest() : path_(dir_.file("connection.db")), db_(options_for(path_)) {
    db_.exec(
        "CREATE TABLE hotel (id INTEGER PRIMARY KEY, name TEXT NOT NULL UNIQUE);"
        "CREATE TABLE coupon (id INTEGER PRIMARY KEY, hotel_id INTEGER NOT NULL REFERENCES hotel (id));");
  }

  std::int64_t hotel_count() { return query_int(db_, "SELECT count(*) FROM hotel"); }

  TempDir dir_;
  std::string path_;
  Connection db_;
};

TEST_F(ConnectionTest, UsesWalJournal) { EXPECT_EQ(query_text(db_, "PRAGMA journal_mode"), "wal"); }

TEST_F(ConnectionTest, EnforcesForeignKeys) {
  EXPECT_EQ(query_int(db_, "PRAGMA foreign_keys"), 1);
  try {
    db_.exec("INSERT INTO coupon (hotel_id) VALUES (999)");
    FAIL() << "dangling foreign key accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), SQLITE_CONSTRAINT_FOREIGNKEY);
    EXPECT_TRUE(error.is_constraint_violation());
    EXPECT_FALSE(error.is_unique_violation());
  }
}

TEST_F(ConnectionTest, AppliesSynchronousOption) {
  EXPECT_EQ(query_int(db_, "PRAGMA synchronous"), 2);  // FULL
  ConnectionOptions options = options_for(path_);
  options.synchronous = "normal";
  Connection normal(options);
  EXPECT_EQ(query_int(normal, "PRAGMA synchronous"), 1);
  options.synchronous = "EXTRA";
  Connection extra(options);
  EXPECT_EQ(query_int(extra, "PRAGMA synchronous"), 3);
}

TEST_F(ConnectionTest, RejectsBadSynchronousBeforeOpening) {
  ConnectionOptions options = options_for(dir_.file("never.db"));
  options.synchronous = "FULL; DROP TABLE hotel";
  EXPECT_THROW(Connection{options}, std::invalid_argument);
  options.synchronous = "fast";
  EXPECT_THROW(Connection{options}, std::invalid_argument);
  EXPECT_FALSE(std::filesystem::exists(dir_.file("never.db")));
}

TEST_F(ConnectionTest, DetectsUniqueAndPrimaryKeyViolations) {
  db_.exec("INSERT INTO hotel (id, name) VALUES (1, 'Dublín')");
  try {
    db_.prepare("INSERT INTO hotel (name) VALUES (?)").bind(1, "Dublín").run();
    FAIL() << "duplicate name accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), SQLITE_CONSTRAINT_UNIQUE);
    EXPECT_TRUE(error.is_unique_violation());
  }
  try {
    db_.exec("INSERT INTO hotel (id, name) VALUES (1, 'Cork')");
    FAIL() << "duplicate id accepted";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), SQLITE_CONSTRAINT_PRIMARYKEY);
    EXPECT_TRUE(error.is_unique_violation());
  }
}

TEST_F(ConnectionTest, TransactionRollsBackWhenNotCommitted) {
  {
    const Transaction transaction(db_);
    db_.exec("INSERT INTO hotel (name) VALUES ('Galway')");
    EXPECT_TRUE(db_.in_transaction());
  }
  EXPECT_FALSE(db_.in_transaction());
  EXPECT_EQ(hotel_count(), 0);
}

TEST_F(ConnectionTest, TransactionRollsBackWhenAnExceptionEscapes) {
  try {
    const Transaction transaction(db_);
    db_.exec("INSERT INTO hotel (name) VALUES ('Galway')");
    db_.exec("INSERT INTO hotel (name) VALUES ('Galway')");
    FAIL() << "duplicate accepted";
  } catch (const Error& error) {
    EXPECT_TRUE(error.is_unique_violation());
  }
  EXPECT_EQ(hotel_count(), 0);
}

TEST_F(ConnectionTest, CommittedTransactionPersists) {
  {
    Transaction transaction(db_, TransactionKind::deferred);
    db_.exec("INSERT INTO hotel (name) VALUES ('Sligo')");
    transaction.commit();
    EXPECT_THROW(transaction.commit(), std::logic_error);
  }
  Connection other(options_for(path_));
  EXPECT_EQ(query_int(other, "SELECT count(*) FROM hotel"), 1);
}

TEST_F(ConnectionTest, FailedCommitIsRolledBackByTheDestructor) {
  {
    Transaction transaction(db_);
    db_.exec("PRAGMA defer_foreign_keys = ON");  // lasts until the transaction ends
    db_.exec("INSERT INTO coupon (hotel_id) VALUES (999)");  // checked only at COMMIT
    try {
      transaction.commit();
      FAIL() << "commit with a dangling foreign key succeeded";
    } catch (const Error& error) {
      EXPECT_EQ(error.code(), SQLITE_CONSTRAINT_FOREIGNKEY);
    }
    EXPECT_TRUE(db_.in_transaction());
  }
  EXPECT_FALSE(db_.in_transaction());
  EXPECT_EQ(query_int(db_, "SELECT count(*) FROM coupon"), 0);
}

TEST_F(ConnectionTest, ImmediateTransactionHoldsTheWriteLock) {
  ConnectionOptions impatient = options_for(path_);
  impatient.busy_timeout = 20ms;
  Connection other(impatient);
  const Transaction writer(db_, TransactionKind::immediate);
  try {
    const Transaction second(other, TransactionKind::immediate);
    FAIL() << "two writers at once";
  } catch (const Error& error) {
    EXPECT_TRUE(error.is_busy()) << error.what();
  }
  const Transaction reader(other, TransactionKind::deferred);  // takes no lock until it reads
  EXPECT_EQ(query_int(other, "SELECT count(*) FROM hotel"), 0);
}

TEST_F(ConnectionTest, DeferredUpgradeFailsWithoutWaiting) {
  Connection other(options_for(path_));  // 5 s busy timeout
  const Transaction writer(db_, TransactionKind::immediate);
  const Transaction reader(other, TransactionKind::deferred);
  EXPECT_EQ(query_int(other, "SELECT count(*) FROM hotel"), 0);
  const auto start = std::chrono::steady_clock::now();
  try {
    other.exec("INSERT INTO hotel (name) VALUES ('Kerry')");
    FAIL() << "upgrade succeeded while another connection writes";
  } catch (const Error& error) {
    EXPECT_TRUE(error.is_busy()) << error.what();
  }
  EXPECT_LT(std::chrono::steady_clock::now() - start, 1s);
}

TEST_F(ConnectionTest, StatementCacheReturnsTheSameStatementReset) {
  db_.exec("INSERT INTO hotel (name) VALUES ('A'), ('B')");
  constexpr std::string_view kSql = "SELECT ?, name FROM hotel ORDER BY name";
  Statement& first = db_.prepare(kSql);
  first.bind(1, "bound");
  ASSERT_TRUE(first.step());
  ASSERT_TRUE(first.step());
  EXPECT_EQ(first.text(1), "B");

  Statement& again = db_.prepare(std::string(kSql));  // a different buffer with the same text
  EXPECT_EQ(&again, &first);
  ASSERT_TRUE(again.step());
  EXPECT_TRUE(again.is_null(0));
  EXPECT_EQ(again.text(1), "A");
  EXPECT_NE(&db_.prepare("SELECT 1"), &first);
}

TEST_F(ConnectionTest, ExecRunsScriptsAndReportsExtendedCodes) {
  db_.exec("INSERT INTO hotel (name) VALUES ('A'); INSERT INTO hotel (name) VALUES ('B');");
  EXPECT_EQ(hotel_count(), 2);
  try {
    db_.exec("INSERT INTO hotel (name) VALUES ('A')");
    FAIL() << "duplicate accepted";
  } catch (const Error& error) {
    EXPECT_TRUE(error.is_unique_violation());
  }
}

TEST_F(ConnectionTest, ReportsRowidAndChanges) {
  db_.prepare("INSERT INTO hotel (name) VALUES (?)").bind(1, "Cork").run();
  const std::int64_t id = db_.last_insert_rowid();
  EXPECT_EQ(query_text(db_, "SELECT name FROM hotel WHERE id = " + std::to_string(id)), "Cork");
  db_.exec("INSERT INTO hotel (name) VALUES ('Derry'), ('Ennis')");
  db_.exec("UPDATE hotel SET name = name || '!'");
  EXPECT_EQ(db_.changes(), 3);
}

TEST_F(ConnectionTest, ReadOnlyConnectionRefusesWrites) {
  ConnectionOptions options = options_for(path_);
  options.read_only = true;
  Connection reader(options);
  EXPECT_EQ(query_int(reader, "SELECT count(*) FROM hotel"), 0);
  try {
    reader.exec("INSERT INTO hotel (name) VALUES ('Naas')");
    FAIL() << "read-only connection wrote";
  } catch (const Error& error) {
    EXPECT_EQ(error.primary_code(), SQLITE_READONLY);
  }
}

TEST_F(ConnectionTest, OpenFailureThrows) {
  try {
    const Connection missing(options_for(dir_.file("no/such/dir/x.db")));
    FAIL() << "opened a file in a missing directory";
  } catch (const Error& error) {
    EXPECT_EQ(error.primary_code(), SQLITE_CANTOPEN);
  }
}

TEST_F(ConnectionTest, DetectsFullDatabase) {
  db_.exec("CREATE TABLE big (b BLOB); PRAGMA max_page_count = 16");
  Transaction transaction(db_);
  try {
    for (int i = 0; i < 100; ++i) {
      db_.exec("INSERT INTO big VALUES (randomblob(4096))");
    }
    FAIL() << "max_page_count not enforced";
  } catch (const Error& error) {
    EXPECT_TRUE(error.is_full()) << error.what();
    EXPECT_TRUE(is_storage_full(error)) << "the layers above would answer 500 rather than 503";
  }
}

TEST_F(ConnectionTest, AFullDatabaseIsMarkedAsAFullDiskThroughAStatementToo) {
  db_.exec("CREATE TABLE big (b BLOB); PRAGMA max_page_count = 16");
  Transaction transaction(db_);
  try {
    for (int i = 0; i < 100; ++i) db_.prepare("INSERT INTO big VALUES (randomblob(?))").bind(1, 4096).run();
    FAIL() << "max_page_count not enforced";
  } catch (const FullError& error) {
    EXPECT_TRUE(error.is_full()) << error.what();
  }
}

TEST_F(ConnectionTest, OtherFailuresAreNotMarkedAsAFullDisk) {
  try {
    db_.exec("INSERT INTO coupon (hotel_id) VALUES (999)");
    FAIL() << "dangling foreign key accepted";
  } catch (const Error& error) {
    EXPECT_FALSE(is_storage_full(error)) << error.what();
  }
}

TEST_F(ConnectionTest, MovedConnectionKeepsItsStatements) {
  Statement& count = db_.prepare("SELECT count(*) FROM hotel");
  Connection moved = std::move(db_);
  EXPECT_EQ(&moved.prepare("SELECT count(*) FROM hotel"), &count);
  EXPECT_EQ(query_int(moved, "SELECT count(*) FROM hotel"), 0);
  EXPECT_EQ(db_.handle(), nullptr);
}

TEST(ConnectionInMemory, AcceptsTheMemoryJournal) {
  ConnectionOptions options;
  options.path = ":memory:";
  Connection db(options);
  EXPECT_EQ(query_text(db, "PRAGMA journal_mode"), "memory");
}

}  // namespace
}  // namespace hc::sqlite
