#include "storage/postgres/connection.hpp"

#include <gtest/gtest.h>
#include <signal.h>

#include <chrono>
#include <cstdint>
#include <limits>
#include <optional>
#include <stdexcept>
#include <string>
#include <thread>

#include "postgres_server.hpp"
#include "storage/postgres/error.hpp"

namespace hc::postgres {
namespace {

using namespace std::chrono_literals;

// The error a statement throws, or a failed expectation if it throws none.
template <class F>
Error error_of(F&& statement) {
  try {
    statement();
  } catch (const Error& error) {
    return error;
  }
  ADD_FAILURE() << "no hc::postgres::Error was thrown";
  return Error(ErrorKind::other, "none");
}

class PostgresConnection : public ::testing::Test {
 protected:
  std::string url_ = test::shared_postgres().create_database();
  Connection db_{ConnectionOptions{.url = url_}};
};

TEST_F(PostgresConnection, RunsAStatementWithParameters) {
  const Result result = db_.exec("SELECT $1::bigint + $2::bigint, $3::text", 40, std::int64_t{2}, "forty-two");
  ASSERT_EQ(result.rows(), 1);
  EXPECT_EQ(result.int64(0, 0), 42);
  EXPECT_EQ(result.text(0, 1), "forty-two");
}

TEST_F(PostgresConnection, ParametersRoundTripUnchanged) {
  const std::string unicode = "Málaga · Zürich · Αθήνα · 東京 · 🏨";
  const std::string quotes = R"(O'Brien's "suite" \ ; -- DROP TABLE users;)";
  const std::optional<std::string> none;
  const Result result =
      db_.exec("SELECT $1::text, $2::text, $3::text, $4::text, $5::bigint, $6::bigint, $7::boolean", unicode, quotes,
               none, "", std::numeric_limits<std::int64_t>::min(), std::optional<std::int64_t>{}, true);
  EXPECT_EQ(result.text(0, 0), unicode);
  EXPECT_EQ(result.text(0, 1), quotes);
  EXPECT_TRUE(result.is_null(0, 2));
  EXPECT_EQ(result.optional_text(0, 2), std::nullopt);
  EXPECT_EQ(result.optional_text(0, 3), "");  // empty text stays text, not NULL
  EXPECT_EQ(result.int64(0, 4), std::numeric_limits<std::int64_t>::min());
  EXPECT_EQ(result.optional_int64(0, 5), std::nullopt);
  EXPECT_EQ(result.text(0, 6), "t");
}

TEST_F(PostgresConnection, ReadingNullOrAMissingCellThrows) {
  const Result result = db_.exec("SELECT NULL::text, 'x'");
  EXPECT_EQ(error_of([&] { (void)result.text(0, 0); }).kind(), ErrorKind::other);
  EXPECT_EQ(error_of([&] { (void)result.int64(0, 1); }).kind(), ErrorKind::other);
  EXPECT_EQ(error_of([&] { (void)result.text(1, 0); }).kind(), ErrorKind::other);
  EXPECT_EQ(error_of([&] { (void)result.text(0, 2); }).kind(), ErrorKind::other);
}

TEST_F(PostgresConnection, TextWithANulCharacterIsRefusedBeforeSending) {
  const Error error = error_of([&] { db_.exec("SELECT $1::text", std::string("a\0b", 3)); });
  EXPECT_NE(std::string(error.what()).find("NUL"), std::string::npos) << error.what();
  EXPECT_EQ(db_.exec("SELECT 1").int64(0, 0), 1);
}

TEST_F(PostgresConnection, CountsTheRowsAStatementChanged) {
  db_.exec_script("CREATE TABLE t (n bigint); INSERT INTO t SELECT generate_series(1, 5)");
  EXPECT_EQ(db_.exec("UPDATE t SET n = n + 1 WHERE n > $1::bigint", 2).affected_rows(), 3);
  EXPECT_EQ(db_.exec("SELECT count(*) FROM t").affected_rows(), 1);  // SELECT reports its rows too
}

TEST_F(PostgresConnection, AScriptStopsAtTheFirstFailingStatement) {
  const Error error = error_of([&] { db_.exec_script("CREATE TABLE a (n int); SELECT nonsense; CREATE TABLE b ()"); });
  EXPECT_EQ(error.kind(), ErrorKind::other);
  EXPECT_EQ(error.sqlstate(), "42703");  // undefined column
  EXPECT_EQ(db_.exec("SELECT count(*) FROM pg_tables WHERE tablename IN ('a', 'b')").int64(0, 0), 0)
      << "a script runs as one implicit transaction";
}

TEST_F(PostgresConnection, ATransactionInsideAnotherIsRefused) {
  db_.exec("CREATE TABLE t (n bigint)");
  Transaction outer(db_);
  db_.exec("INSERT INTO t VALUES (1)");
  EXPECT_THROW(Transaction inner(db_), std::logic_error);  // its commit would have committed the outer one
  EXPECT_TRUE(db_.in_transaction());
}

TEST_F(PostgresConnection, TransactionRollsBackUnlessCommitted) {
  db_.exec("CREATE TABLE t (n bigint)");
  {
    Transaction transaction(db_);
    db_.exec("INSERT INTO t VALUES (1)");
    EXPECT_TRUE(db_.in_transaction());
  }
  EXPECT_FALSE(db_.in_transaction());
  {
    Transaction transaction(db_, Isolation::serializable);
    db_.exec("INSERT INTO t VALUES (2)");
    transaction.commit();
  }
  const Result rows = db_.exec("SELECT n FROM t");
  ASSERT_EQ(rows.rows(), 1);
  EXPECT_EQ(rows.int64(0, 0), 2);
}

TEST_F(PostgresConnection, CommitAfterAFailedStatementThrowsAndRollsBack) {
  db_.exec("CREATE TABLE t (n bigint)");
  {
    Transaction transaction(db_);
    db_.exec("INSERT INTO t VALUES (1)");
    EXPECT_THROW(db_.exec("SELECT 1 / 0"), Error);
    EXPECT_TRUE(db_.in_failed_transaction());
    EXPECT_THROW(transaction.commit(), Error);
  }
  EXPECT_FALSE(db_.in_transaction());
  EXPECT_EQ(db_.exec("SELECT count(*) FROM t").int64(0, 0), 0);
}

TEST_F(PostgresConnection, UniqueViolationHasItsOwnKind) {
  db_.exec("CREATE TABLE users (email text UNIQUE, age int CHECK (age >= 0))");
  db_.exec("INSERT INTO users VALUES ($1, 1)", "ana@example.com");
  const Error duplicate = error_of([&] { db_.exec("INSERT INTO users VALUES ($1, 1)", "ana@example.com"); });
  EXPECT_TRUE(duplicate.is_unique_violation());
  EXPECT_EQ(duplicate.sqlstate(), "23505");
  EXPECT_FALSE(duplicate.is_retryable());
  EXPECT_EQ(std::string(duplicate.what()).find("ana@example.com"), std::string::npos) << "values stay out of it";

  const Error check = error_of([&] { db_.exec("INSERT INTO users VALUES ('bo@example.com', -1)"); });
  EXPECT_EQ(check.kind(), ErrorKind::constraint_violation);
  EXPECT_EQ(db_.exec("SELECT count(*) FROM users").int64(0, 0), 1) << "the connection is still usable";
}

TEST_F(PostgresConnection, AFullDiskOnTheServerIsMarkedAsAFullDisk) {
  try {
    db_.exec("DO $$ BEGIN RAISE EXCEPTION 'could not extend file' USING ERRCODE = 'disk_full'; END $$");
    FAIL() << "the exception was not raised";
  } catch (const FullError& error) {
    EXPECT_EQ(error.sqlstate(), "53100");
    EXPECT_TRUE(is_storage_full(error));
  }
  const Error other = error_of([&] { db_.exec("DO $$ BEGIN RAISE EXCEPTION 'no' USING ERRCODE = 'P0001'; END $$"); });
  EXPECT_FALSE(is_storage_full(other));
  EXPECT_EQ(db_.exec("SELECT 1").int64(0, 0), 1) << "the connection is still usable";
}

TEST_F(PostgresConnection, ConcurrentUpdateUnderSerializableIsRetryable) {
  db_.exec_script("CREATE TABLE stock (n int); INSERT INTO stock VALUES (1)");
  Connection other(ConnectionOptions{.url = url_});
  Transaction first(db_, Isolation::serializable);
  (void)db_.exec("SELECT n FROM stock");  // the snapshot is taken here
  other.exec("UPDATE stock SET n = n - 1");
  const Error error = error_of([&] { db_.exec("UPDATE stock SET n = n - 1"); });
  EXPECT_EQ(error.kind(), ErrorKind::serialization_failure);
  EXPECT_TRUE(error.is_retryable());
}

TEST_F(PostgresConnection, DeadlockIsRetryable) {
  db_.exec_script("CREATE TABLE t (id int PRIMARY KEY); INSERT INTO t VALUES (1), (2)");
  Connection other(ConnectionOptions{.url = url_});
  for (Connection* c : {&db_, &other}) c->exec("SET deadlock_timeout = '50ms'");
  Transaction mine(db_);
  Transaction theirs(other);
  db_.exec("UPDATE t SET id = id WHERE id = 1");
  other.exec("UPDATE t SET id = id WHERE id = 2");
  std::optional<Error> their_error;
  std::thread waits([&] {
    try {
      other.exec("UPDATE t SET id = id WHERE id = 1");
    } catch (const Error& error) {
      their_error = error;
    }
  });
  std::this_thread::sleep_for(100ms);  // until the other transaction waits for row 1
  std::optional<Error> my_error;
  try {
    db_.exec("UPDATE t SET id = id WHERE id = 2");
  } catch (const Error& error) {
    my_error = error;
  }
  waits.join();
  ASSERT_NE(my_error.has_value(), their_error.has_value()) << "exactly one side is the victim";
  const Error& victim = my_error ? *my_error : *their_error;
  EXPECT_EQ(victim.kind(), ErrorKind::deadlock);
  EXPECT_TRUE(victim.is_retryable());
}

TEST_F(PostgresConnection, StatementTimeoutCancelsTheStatementButKeepsTheConnection) {
  const ConnectionOptions options{.url = url_, .statement_timeout = 100ms};
  Connection impatient(options);
  const Error error = error_of([&] { impatient.exec("SELECT pg_sleep(5)"); });
  EXPECT_EQ(error.kind(), ErrorKind::timeout);
  EXPECT_FALSE(impatient.is_broken());
  EXPECT_EQ(impatient.exec("SELECT 1").int64(0, 0), 1);
}

TEST_F(PostgresConnection, AServerThatStopsAnsweringMeetsTheClientsDeadline) {
  const ConnectionOptions options{.url = url_, .statement_timeout = 100ms};
  Connection stuck(options);
  // A stopped backend cannot cancel its own statement, like a server behind a dead network.
  const int backend = stuck.backend_pid();
  ASSERT_EQ(::kill(backend, SIGSTOP), 0);
  const auto started = std::chrono::steady_clock::now();
  const Error error = error_of([&] { stuck.exec("SELECT 1"); });
  const auto waited = std::chrono::steady_clock::now() - started;
  ::kill(backend, SIGCONT);
  EXPECT_EQ(error.kind(), ErrorKind::timeout);
  EXPECT_TRUE(stuck.is_broken());
  EXPECT_LT(waited, 10s);
}

TEST_F(PostgresConnection, ATerminatedBackendMakesTheConnectionBroken) {
  Connection admin(ConnectionOptions{.url = url_});
  admin.exec("SELECT pg_terminate_backend($1, 5000)", db_.backend_pid());  // waits until it is gone
  EXPECT_EQ(error_of([&] { db_.exec("SELECT 1"); }).kind(), ErrorKind::connection);
  EXPECT_TRUE(db_.is_broken());
  EXPECT_EQ(error_of([&] { db_.exec("SELECT 1"); }).kind(), ErrorKind::connection);
}

TEST(PostgresConnect, AWrongPasswordIsReportedWithoutThePassword) {
  const std::string url = test::shared_postgres().url();
  const std::string password = test::shared_postgres().password();
  const std::string wrong = "Wr0ng-" + password;
  std::string bad_url = url;
  bad_url.replace(bad_url.find(password), password.size(), wrong);
  const Error error = error_of([&] { Connection connection(ConnectionOptions{.url = bad_url}); });
  const std::string message = error.what();
  EXPECT_EQ(error.kind(), ErrorKind::connection);
  EXPECT_NE(message.find("password authentication failed"), std::string::npos) << message;
  EXPECT_NE(message.find("127.0.0.1"), std::string::npos) << message;
  EXPECT_EQ(message.find(wrong), std::string::npos) << message;
}

TEST(PostgresConnect, AMalformedUrlIsReportedWithoutThePassword) {
  for (const std::string url : {"postgresql://ana:Secr%zzet@127.0.0.1:1/db", "postgresql://ana@h/db?password=Secr%zzet",
                                "postgresql://ana:Secr%zzet@127.0.0.1:1/db?bogus=1",
                                // libpq would read these passwords as host, port and database, and quote them
                                "postgresql://ana:Secr/et@127.0.0.1:1/db", "postgresql://ana:12/Secret@127.0.0.1:1/db"}) {
    const Error error = error_of([&] { Connection connection(ConnectionOptions{.url = url}); });
    EXPECT_EQ(error.kind(), ErrorKind::connection);
    EXPECT_EQ(std::string(error.what()).find("Secr"), std::string::npos) << error.what();
  }
}

TEST(PostgresConnect, AnUnreachableServerIsAConnectionError) {
  const Error error =
      error_of([] { Connection connection(ConnectionOptions{.url = "postgresql://ana:Secret@127.0.0.1:1/db"}); });
  EXPECT_EQ(error.kind(), ErrorKind::connection);
  EXPECT_NE(std::string(error.what()).find("127.0.0.1"), std::string::npos) << error.what();
  EXPECT_EQ(std::string(error.what()).find("Secret"), std::string::npos) << error.what();
}

TEST(PostgresConnect, OnlyPostgresqlUrlsAreAccepted) {
  EXPECT_THROW(Connection(ConnectionOptions{.url = "sqlite:///tmp/db"}), std::invalid_argument);
  EXPECT_THROW(Connection(ConnectionOptions{.url = "host=127.0.0.1 password=x"}), std::invalid_argument);
}

}  // namespace
}  // namespace hc::postgres
