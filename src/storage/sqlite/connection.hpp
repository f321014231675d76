#pragma once
// One connection to a database file, configured the way the server relies on (WAL, foreign keys, busy timeout),
// with a cache of prepared statements. A connection is opened with SQLITE_OPEN_NOMUTEX, so it must be used by one
// thread at a time; threads share connections through ConnectionPool.
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>

#include "storage/sqlite/statement.hpp"

struct sqlite3;

namespace hc::sqlite {

struct ConnectionOptions {
  std::string path;
  bool read_only = false;
  std::string synchronous = "FULL";  // OFF, NORMAL, FULL or EXTRA
  std::chrono::milliseconds busy_timeout{5000};
};

class Connection {
 public:
  //! Opens the database (creating it unless read-only) and applies the options; throws Error or
  //! std::invalid_argument for a bad synchronous value.
  explicit Connection(const ConnectionOptions& options);

  Connection(Connection&&) noexcept = default;
  Connection& operator=(Connection&&) noexcept = default;
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;
  ~Connection() = default;

  //! Runs one or more ';'-separated statements, discarding any rows; in autocommit mode the statements before a
  //! failing one stay applied, so wrap scripts in a Transaction.
  void exec(std::string_view sql);

  //! Returns the cached statement for `sql`, reset and with its bindings cleared.
  //!
  //! The same SQL text always yields the same object, so a statement must not be asked for again while a caller is
  //! still using it (say, a nested loop over the same query): the second prepare() resets it under the first
  //! caller. That is a programmer error, not something this class detects. The cache keeps every distinct text for
  //! the connection's lifetime, so pass constant SQL and bind the values.
  Statement& prepare(std::string_view sql);

  //! Resets every cached statement so that none keeps a read snapshot; call only when no caller is using them.
  void reset_statements() noexcept;

  //! Tells whether an explicit transaction is open.
  [[nodiscard]] bool in_transaction() const noexcept;

  //! The rowid of the most recent successful INSERT on this connection.
  [[nodiscard]] std::int64_t last_insert_rowid() const noexcept;

  //! The number of rows changed by the most recent INSERT, UPDATE or DELETE on this connection.
  [[nodiscard]] int changes() const noexcept;

  //! The raw handle, for the rare SQLite call this class does not wrap.
  [[nodiscard]] sqlite3* handle() const noexcept { return db_.get(); }

 private:
  struct Closer {
    void operator()(sqlite3* db) const noexcept;
  };
  struct SqlHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view sql) const noexcept { return std::hash<std::string_view>{}(sql); }
  };
  struct SqlEqual {
    using is_transparent = void;
    bool operator()(std::string_view a, std::string_view b) const noexcept { return a == b; }
  };

  void enable_wal(std::chrono::milliseconds busy_timeout);
  void set_wal_journal();

  // Declared before the cache so that the statements are finalized before the handle is closed.
  std::unique_ptr<sqlite3, Closer> db_;
  std::unordered_map<std::string, Statement, SqlHash, SqlEqual> statements_;
};

// IMMEDIATE is the default because a DEFERRED transaction that reads first and writes later has to upgrade its
// read lock, and SQLite does not wait for the busy timeout on an upgrade: it fails with SQLITE_BUSY at once if
// another connection holds the write lock or has written since the read. Taking the write lock up front makes
// writers wait their turn instead.
enum class TransactionKind { deferred, immediate };

class Transaction {
 public:
  //! Begins a transaction; throws Error (is_busy()) if the write lock cannot be had within the busy timeout.
  explicit Transaction(Connection& connection, TransactionKind kind = TransactionKind::immediate);

  Transaction(const Transaction&) = delete;
  Transaction& operator=(const Transaction&) = delete;
  Transaction(Transaction&&) = delete;
  Transaction& operator=(Transaction&&) = delete;

  //! Rolls back unless commit() succeeded; never throws.
  ~Transaction();

  //! Commits; if that fails the transaction stays open and the destructor rolls it back.
  void commit();

 private:
  Connection* connection_;
  bool committed_ = false;
};

}  // namespace hc::sqlite
