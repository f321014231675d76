#include "storage/sqlite/statement.hpp"

#include <gtest/gtest.h>
#include <sqlite3.h>

#include <cerrno>
#include <cstdint>
#include <cstdlib>
#include <filesystem>
#include <limits>
#include <optional>
#include <string>
#include <system_error>
#include <utility>
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

class StatementTest : public ::testing::Test {
 protected:
  StatementTest() : db_(options_for(dir_.file("statement.db"))) {
    db_.exec(
        "CREATE TABLE item (id INTEGER PRIMARY KEY, i INTEGER, r REAL, t TEXT, b BLOB);"
        "CREATE TABLE account (email TEXT NOT NULL UNIQUE, secret TEXT NOT NULL UNIQUE);");
  }

  // Inserts the values bound by `bind` as one row and returns it ready to read as (i, r, t, b).
  template <class Bind>
  Statement& round_trip(Bind bind) {
    db_.reset_statements();  // the previous round's SELECT may still be mid-result
    db_.exec("DELETE FROM item");
    Statement& insert = db_.prepare("INSERT INTO item (i, r, t, b) VALUES (?, ?, ?, ?)");
    bind(insert);
    insert.run();
    Statement& select = db_.prepare("SELECT i, r, t, b FROM item");
    EXPECT_TRUE(select.step());
    return select;
  }

  TempDir dir_;
  Connection db_;
};

TEST_F(StatementTest, RoundTripsEachType) {
  const std::vector<unsigned char> bytes = {0x00, 0x01, 0x7f, 0xff};
  Statement& row = round_trip([&](Statement& s) {
    s.bind(1, std::numeric_limits<std::int64_t>::min()).bind(2, 2.5).bind(3, "Dublín → 🏨").bind(4, bytes);
  });
  EXPECT_EQ(row.int64(0), std::numeric_limits<std::int64_t>::min());
  EXPECT_DOUBLE_EQ(row.real(1), 2.5);
  EXPECT_EQ(row.text(2), "Dublín → 🏨");
  EXPECT_EQ(row.blob(3), bytes);
  EXPECT_FALSE(row.step());
}

TEST_F(StatementTest, RoundTripsIntAndStringOverloads) {
  const std::string city = "Córdoba";
  Statement& row = round_trip([&](Statement& s) { s.bind(1, 42).bind(2, -0.125).bind(3, city).bind(4, nullptr); });
  EXPECT_EQ(row.int64(0), 42);
  EXPECT_DOUBLE_EQ(row.real(1), -0.125);
  EXPECT_EQ(row.text(2), city);
  EXPECT_TRUE(row.is_null(3));
}

TEST_F(StatementTest, RoundTripsNulls) {
  Statement& row = round_trip([](Statement& s) {
    s.bind(1, std::optional<std::int64_t>{}).bind(2, nullptr).bind(3, std::optional<std::string>{});
    s.bind(4, static_cast<const char*>(nullptr));
  });
  for (int col = 0; col < 4; ++col) {
    EXPECT_TRUE(row.is_null(col)) << "column " << col;
  }
  EXPECT_EQ(row.optional_int64(0), std::nullopt);
  EXPECT_EQ(row.optional_text(2), std::nullopt);
}

TEST_F(StatementTest, RoundTripsPresentOptionals) {
  Statement& row = round_trip([](Statement& s) {
    s.bind(1, std::optional<std::int64_t>{7}).bind(3, std::optional<std::string>{"Málaga"});
  });
  EXPECT_EQ(row.optional_int64(0), 7);
  EXPECT_EQ(row.optional_text(2), "Málaga");
  EXPECT_TRUE(row.is_null(1));  // an unbound parameter is NULL
}

TEST_F(StatementTest, KeepsEmbeddedNulAndEmptyValuesAreNotNull) {
  const std::string with_nul("a\0b", 3);
  Statement& row = round_trip([&](Statement& s) {
    s.bind(1, 0).bind(2, 0.0).bind(3, std::string_view{}).bind(4, std::span<const unsigned char>{});
  });
  EXPECT_FALSE(row.is_null(2));
  EXPECT_EQ(row.text(2), "");
  EXPECT_FALSE(row.is_null(3));
  EXPECT_TRUE(row.blob(3).empty());

  Statement& nul_row = round_trip([&](Statement& s) { s.bind(3, with_nul); });
  EXPECT_EQ(nul_row.text(2), with_nul);
  EXPECT_EQ(nul_row.text(2).size(), 3u);
}

TEST_F(StatementTest, BindAllBindsInOrder) {
  const std::string text = "Dublín";
  Statement& row = round_trip(
      [&](Statement& s) { s.bind_all(std::int64_t{9}, 1.5, text, std::vector<unsigned char>{1, 2}); });
  EXPECT_EQ(row.int64(0), 9);
  EXPECT_DOUBLE_EQ(row.real(1), 1.5);
  EXPECT_EQ(row.text(2), "Dublín");
  EXPECT_EQ(row.blob(3), (std::vector<unsigned char>{1, 2}));
}

TEST_F(StatementTest, StepsThroughEveryRowThenReportsDone) {
  for (int i = 1; i <= 3; ++i) {
    db_.prepare("INSERT INTO item (i) VALUES (?)").bind(1, i).run();
  }
  Statement& select = db_.prepare("SELECT i FROM item ORDER BY i");
  std::vector<std::int64_t> seen;
  while (select.step()) {
    seen.push_back(select.int64(0));
  }
  EXPECT_EQ(seen, (std::vector<std::int64_t>{1, 2, 3}));
}

TEST_F(StatementTest, ResetRewindsAndClearsBindings) {
  db_.exec("INSERT INTO item (i) VALUES (1), (2)");
  Statement select(db_.handle(), "SELECT ?, i FROM item ORDER BY i");
  select.bind(1, "bound");
  ASSERT_TRUE(select.step());
  ASSERT_TRUE(select.step());
  EXPECT_EQ(select.int64(1), 2);
  select.reset();
  ASSERT_TRUE(select.step());
  EXPECT_TRUE(select.is_null(0));
  EXPECT_EQ(select.int64(1), 1);
}

TEST_F(StatementTest, RunRefusesAStatementThatReturnsRows) {
  Statement select(db_.handle(), "SELECT 1");
  try {
    select.run();
    FAIL() << "run() accepted a row";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), SQLITE_MISUSE);
  }
}

TEST_F(StatementTest, NonOptionalReadersRefuseNull) {
  Statement select(db_.handle(), "SELECT NULL");
  ASSERT_TRUE(select.step());
  EXPECT_THROW((void)select.int64(0), Error);
  EXPECT_THROW((void)select.real(0), Error);
  EXPECT_THROW((void)select.blob(0), Error);
  try {
    (void)select.text(0);
    FAIL() << "text() read NULL";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), SQLITE_MISMATCH);
  }
}

TEST_F(StatementTest, ReadingWithoutARowOrOutOfRangeThrows) {
  Statement select(db_.handle(), "SELECT 1, 2");
  EXPECT_THROW((void)select.int64(0), Error);  // no step yet
  ASSERT_TRUE(select.step());
  EXPECT_EQ(select.int64(1), 2);
  EXPECT_THROW((void)select.int64(2), Error);
  EXPECT_THROW((void)select.is_null(-1), Error);
  EXPECT_FALSE(select.step());
  EXPECT_THROW((void)select.int64(0), Error);  // finished
}

TEST_F(StatementTest, BindingAMissingParameterThrowsRange) {
  Statement select(db_.handle(), "SELECT ?");
  try {
    select.bind(2, 1);
    FAIL() << "bound parameter 2 of 1";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), SQLITE_RANGE);
  }
}

TEST_F(StatementTest, PrepareAcceptsOneStatementOnly) {
  EXPECT_NO_THROW(Statement(db_.handle(), "SELECT 1;  -- trailing comment\n"));
  EXPECT_THROW(Statement(db_.handle(), "SELECT 1; SELECT 2"), std::invalid_argument);
  EXPECT_THROW(Statement(db_.handle(), ""), std::invalid_argument);
  EXPECT_THROW(Statement(db_.handle(), "-- nothing"), std::invalid_argument);
}

TEST_F(StatementTest, SyntaxErrorCarriesSqliteMessage) {
  try {
    Statement broken(db_.handle(), "SELEC 1");
    FAIL() << "prepared invalid SQL";
  } catch (const Error& error) {
    EXPECT_EQ(error.code(), SQLITE_ERROR);
    EXPECT_NE(std::string(error.what()).find("syntax error"), std::string::npos) << error.what();
  }
}

TEST_F(StatementTest, UniqueViolationIsDetectedAndKeepsValuesOutOfTheMessage) {
  const std::string secret = "hunter2-very-secret";
  Statement& insert = db_.prepare("INSERT INTO account (email, secret) VALUES (?, ?)");
  insert.bind_all("ana@example.com", secret).run();
  try {
    db_.prepare("INSERT INTO account (email, secret) VALUES (?, ?)").bind_all("bo@example.com", secret).run();
    FAIL() << "duplicate accepted";
  } catch (const Error& error) {
    EXPECT_TRUE(error.is_unique_violation());
    EXPECT_TRUE(error.is_constraint_violation());
    EXPECT_EQ(error.code(), SQLITE_CONSTRAINT_UNIQUE);
    const std::string message = error.what();
    EXPECT_NE(message.find("UNIQUE constraint failed: account.secret"), std::string::npos) << message;
    EXPECT_EQ(message.find(secret), std::string::npos) << message;
    EXPECT_EQ(message.find("bo@example.com"), std::string::npos) << message;
  }
}

TEST_F(StatementTest, StatementIsUsableAfterAFailedStep) {
  Statement& insert = db_.prepare("INSERT INTO account (email, secret) VALUES (?, ?)");
  insert.bind_all("a", "s").run();
  EXPECT_THROW(insert.run(), Error);  // same bindings: duplicate
  insert.bind_all("b", "t").run();
  EXPECT_EQ(db_.changes(), 1);
}

TEST_F(StatementTest, MovedStatementKeepsWorking) {
  Statement first(db_.handle(), "SELECT 'moved'");
  Statement second = std::move(first);
  ASSERT_TRUE(second.step());
  EXPECT_EQ(second.text(0), "moved");
}

TEST(SqliteError, ClassifiesExtendedCodes) {
  EXPECT_TRUE(Error(SQLITE_CONSTRAINT_PRIMARYKEY, "x").is_unique_violation());
  EXPECT_TRUE(Error(SQLITE_CONSTRAINT_UNIQUE, "x").is_unique_violation());
  EXPECT_FALSE(Error(SQLITE_CONSTRAINT_NOTNULL, "x").is_unique_violation());
  EXPECT_TRUE(Error(SQLITE_CONSTRAINT_NOTNULL, "x").is_constraint_violation());
  EXPECT_FALSE(Error(SQLITE_BUSY, "x").is_constraint_violation());
  EXPECT_TRUE(Error(SQLITE_BUSY_SNAPSHOT, "x").is_busy());
  EXPECT_FALSE(Error(SQLITE_LOCKED, "x").is_busy());
  EXPECT_TRUE(Error(SQLITE_FULL, "x").is_full());
  EXPECT_FALSE(Error(SQLITE_IOERR_WRITE, "x").is_full());
  EXPECT_EQ(Error(SQLITE_IOERR_WRITE, "x").primary_code(), SQLITE_IOERR);
}

TEST(SqliteError, DescribesCodeWithoutAConnection) {
  const Error error(nullptr, SQLITE_BUSY, "step");
  EXPECT_EQ(std::string(error.what()), "step: database is locked (code 5)");
}

}  // namespace
}  // namespace hc::sqlite
