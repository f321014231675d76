#pragma once
// One connection to a PostgreSQL server through libpq, with text parameters and results. A connection must be used
// by one thread at a time; threads share connections through ConnectionPool.
//
// Every call to the server has a deadline: the server cancels a statement after statement_timeout, and the client
// gives up a little later (a dead network, a stopped server) and closes the connection, which is_broken() then
// reports so that the pool replaces it. Failures throw hc::postgres::Error.
#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <optional>
#include <span>
#include <string>
#include <string_view>

struct pg_conn;    // libpq's PGconn
struct pg_result;  // libpq's PGresult

namespace hc::postgres {

struct ConnectionOptions {
  //! postgresql://user:password@host:port/database?sslmode=...; an `options` setting in it is replaced by the
  //! statement timeout below.
  std::string url;
  //! How long one attempt to reach a host may take (libpq counts whole seconds, at least 2).
  std::chrono::seconds connect_timeout{10};
  //! How long one statement may run on the server before it cancels it; must be positive.
  std::chrono::milliseconds statement_timeout{30'000};
};

//! One query parameter as text; nullopt is SQL NULL. The server infers each parameter's type from the statement,
//! so write a cast ($1::bigint) where it cannot.
using Param = std::optional<std::string>;

Param to_param(std::string_view value);
Param to_param(const std::string& value);
Param to_param(const char* value);  // a null pointer is NULL
Param to_param(std::int64_t value);
Param to_param(int value);
Param to_param(bool value);  // 'true' or 'false'
Param to_param(std::nullptr_t);
Param to_param(const std::optional<std::string>& value);
Param to_param(const std::optional<std::int64_t>& value);

//! The rows of one statement. Rows and columns are 0-based, as in libpq.
class Result {
 public:
  //! Takes ownership of a successful libpq result.
  explicit Result(pg_result* result) noexcept;

  Result(Result&&) noexcept = default;
  Result& operator=(Result&&) noexcept = default;
  Result(const Result&) = delete;
  Result& operator=(const Result&) = delete;
  ~Result() = default;

  //! The number of rows returned.
  [[nodiscard]] int rows() const noexcept;
  //! The number of rows an INSERT, UPDATE or DELETE changed, or a SELECT returned (0 for other statements).
  [[nodiscard]] std::int64_t affected_rows() const;

  //! Reads a value as text; throws if it is NULL.
  [[nodiscard]] std::string text(int row, int col) const;
  //! Reads a value as a 64-bit integer; throws if it is NULL or not an integer.
  [[nodiscard]] std::int64_t int64(int row, int col) const;
  //! Reads a value as text, or nullopt when it is NULL.
  [[nodiscard]] std::optional<std::string> optional_text(int row, int col) const;
  //! Reads a value as an integer, or nullopt when it is NULL.
  [[nodiscard]] std::optional<std::int64_t> optional_int64(int row, int col) const;
  //! Tells whether a value is NULL.
  [[nodiscard]] bool is_null(int row, int col) const;

 private:
  struct Clearer {
    void operator()(pg_result* result) const noexcept;
  };

  void check_cell(int row, int col) const;
  void check_not_null(int row, int col) const;

  std::unique_ptr<pg_result, Clearer> result_;
};

class Connection {
 public:
  //! Connects and sets the statement timeout; throws Error (ErrorKind::connection) with the server's reason and
  //! never the password.
  explicit Connection(const ConnectionOptions& options);

  Connection(Connection&&) noexcept = default;
  Connection& operator=(Connection&&) noexcept = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() = default;

  //! Runs one statement with parameters $1..$N taken from `args` in order (see to_param) and returns its rows.
  template <class... Args>
  Result exec(std::string_view sql, const Args&... args) {
    const std::array<Param, sizeof...(Args)> params{to_param(args)...};
    return exec_params(sql, params);
  }

  //! Runs one statement with parameters $1..$N.
  Result exec_params(std::string_view sql, std::span<const Param> params);

  //! Runs ';'-separated statements without parameters (a migration), stopping at the first that fails; outside a
  //! transaction they run as one implicit transaction, so a failure undoes the statements before it too.
  void exec_script(std::string_view sql);

  //! Tells whether a transaction is open (or failed and not yet rolled back).
  [[nodiscard]] bool in_transaction() const noexcept;

  //! Tells whether a statement of the open transaction failed: the server refuses everything but ROLLBACK.
  [[nodiscard]] bool in_failed_transaction() const noexcept;

  //! Tells whether the connection is lost (the server went away, or a call ran past its deadline): every call
  //! will fail, and a pool should open a new connection instead.
  [[nodiscard]] bool is_broken() const noexcept;

  //! For an idle connection: closes it if the server sent anything meanwhile (checked without waiting). An idle
  //! connection is sent nothing unless the server ended it (a restart, pg_terminate_backend); is_broken() then
  //! says so, and the pool opens a new one.
  void notice_if_ended() noexcept;

  //! The process id of the server's backend for this connection (pg_terminate_backend takes it).
  [[nodiscard]] int backend_pid() const noexcept;

 private:
  struct Finisher {
    void operator()(pg_conn* conn) const noexcept;
  };

  void check_open(std::string_view operation) const;
  //! The server is gone, or the connection was closed after a missed deadline.
  [[nodiscard]] bool lost() const noexcept;
  Result collect_results(std::string_view operation);
  void wait_for_answer(std::string_view operation, std::chrono::steady_clock::time_point deadline);

  std::unique_ptr<pg_conn, Finisher> conn_;  // null once closed after a missed deadline
  std::chrono::milliseconds call_timeout_;
};

enum class Isolation { read_committed, repeatable_read, serializable };

//! A transaction on one connection, rolled back unless committed. Under repeatable_read and serializable a commit
//! or statement may fail with Error::is_retryable(): run the whole transaction again.
class Transaction {
 public:
  //! Begins the transaction.
  explicit Transaction(Connection& connection, Isolation isolation = Isolation::read_committed);

  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  Transaction(Transaction&&) = delete;
  Transaction& operator=(Transaction&&) = delete;

  //! Rolls back unless commit() succeeded; never throws.
  ~Transaction();

  //! Commits; if that fails the server has ended the transaction (or the destructor rolls it back).
  void commit();

 private:
  Connection* connection_;
  bool committed_ = false;
};

}  // namespace hc::postgres
