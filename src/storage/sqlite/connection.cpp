#include "storage/sqlite/connection.hpp"

#include "storage/sqlite/functions.hpp"

#include <sqlite3.h>

#include <algorithm>
#include <array>
#include <cctype>
#include <limits>
#include <stdexcept>
#include <thread>
#include <utility>

#include "storage/sqlite/error.hpp"

namespace hc::sqlite {
namespace {

constexpr std::array<std::string_view, 4> kSynchronousModes = {"OFF", "NORMAL", "FULL", "EXTRA"};
constexpr std::chrono::milliseconds kWalRetryPause{2};

// The value is pasted into a PRAGMA, so only the known keywords may pass.
std::string checked_synchronous(std::string_view requested) {
  std::string mode(requested);
  std::ranges::transform(mode, mode.begin(), [](unsigned char c) { return static_cast<char>(std::toupper(c)); });
  if (std::ranges::find(kSynchronousModes, mode) == kSynchronousModes.end()) {
    throw std::invalid_argument("ConnectionOptions::synchronous must be OFF, NORMAL, FULL or EXTRA, not '" +
                                std::string(requested) + "'");
  }
  return mode;
}

constexpr std::int64_t kMapBytes = std::int64_t{1} << 30;  // address space only; the kernel shares the pages
constexpr std::int64_t kCacheKib = 16 * 1024;

int timeout_millis(std::chrono::milliseconds timeout) {
  using Rep = std::chrono::milliseconds::rep;
  return static_cast<int>(std::clamp(timeout.count(), Rep{0}, Rep{std::numeric_limits<int>::max()}));
}

sqlite3* open_database(const ConnectionOptions& options) {
  const int access = options.read_only ? SQLITE_OPEN_READONLY : SQLITE_OPEN_READWRITE | SQLITE_OPEN_CREATE;
  sqlite3* db = nullptr;
  const int rc = sqlite3_open_v2(options.path.c_str(), &db, access | SQLITE_OPEN_NOMUTEX, nullptr);
  if (rc != SQLITE_OK) {
    const Error error(db, db != nullptr ? sqlite3_extended_errcode(db) : rc, "open '" + options.path + "'");
    sqlite3_close_v2(db);  // a failed open still allocates a handle
    throw error;
  }
  return db;
}

bool is_in_memory(sqlite3* db) {
  const char* file = sqlite3_db_filename(db, "main");
  return file == nullptr || *file == '\0';
}

}  // namespace

void Connection::Closer::operator()(sqlite3* db) const noexcept { sqlite3_close_v2(db); }

Connection::Connection(const ConnectionOptions& options) {
  const std::string synchronous = checked_synchronous(options.synchronous);
  db_.reset(open_database(options));
  sqlite3_extended_result_codes(db_.get(), 1);
  // Set before the pragmas: switching a new file to WAL needs a lock that another opener may be holding.
  sqlite3_busy_timeout(db_.get(), timeout_millis(options.busy_timeout));
  if (!options.read_only) {
    enable_wal(options.busy_timeout);
  }
  exec("PRAGMA synchronous=" + synchronous);
  exec("PRAGMA foreign_keys=ON");
  // Reads come from the file mapped into memory instead of a read() per page, and each connection caches more
  // than the default 2 MiB of pages: a search over a large full-text index reads many pages, again and again.
  exec("PRAGMA mmap_size=" + std::to_string(kMapBytes));
  exec("PRAGMA cache_size=-" + std::to_string(kCacheKib));
  register_functions(db_.get());
}

// Converting a new file to WAL needs an exclusive lock while the pragma already holds a shared one, so SQLite
// answers SQLITE_BUSY at once instead of calling the busy handler when another connection is opening the same
// file. Retrying until the busy timeout gives that case the same patience as any other lock.
void Connection::enable_wal(std::chrono::milliseconds busy_timeout) {
  const auto deadline = std::chrono::steady_clock::now() + busy_timeout;
  while (true) {
    try {
      set_wal_journal();
      return;
    } catch (const Error& error) {
      if (!error.is_busy() || std::chrono::steady_clock::now() >= deadline) {
        throw;
      }
    }
    std::this_thread::sleep_for(kWalRetryPause);
  }
}

// The pragma answers with the mode in force; a file that cannot use WAL keeps its old mode without an error.
void Connection::set_wal_journal() {
  Statement pragma(db_.get(), "PRAGMA journal_mode=WAL");
  const std::string mode = pragma.step() ? pragma.text(0) : std::string();
  if (mode != "wal" && !is_in_memory(db_.get())) {
    throw Error(SQLITE_ERROR, "open: journal_mode=WAL was refused, the mode is '" + mode + "'");
  }
}

void Connection::exec(std::string_view sql) {
  const std::string text(sql);  // sqlite3_exec wants a NUL-terminated string
  const int rc = sqlite3_exec(db_.get(), text.c_str(), nullptr, nullptr, nullptr);
  if (rc != SQLITE_OK) {
    throw_error(Error(db_.get(), rc, "exec"));
  }
}

Statement& Connection::prepare(std::string_view sql) {
  if (const auto found = statements_.find(sql); found != statements_.end()) {
    found->second.reset();
    return found->second;
  }
  Statement statement(db_.get(), sql, SQLITE_PREPARE_PERSISTENT);
  return statements_.emplace(std::string(sql), std::move(statement)).first->second;
}

void Connection::reset_statements() noexcept {
  for (auto& entry : statements_) {
    entry.second.reset();
  }
}

bool Connection::in_transaction() const noexcept { return db_ && sqlite3_get_autocommit(db_.get()) == 0; }

std::int64_t Connection::last_insert_rowid() const noexcept { return sqlite3_last_insert_rowid(db_.get()); }

int Connection::changes() const noexcept { return sqlite3_changes(db_.get()); }

Transaction::Transaction(Connection& connection, TransactionKind kind) : connection_(&connection) {
  connection.exec(kind == TransactionKind::immediate ? "BEGIN IMMEDIATE" : "BEGIN DEFERRED");
}

Transaction::~Transaction() {
  // SQLite may already have rolled back by itself (SQLITE_FULL, SQLITE_IOERR, ...); a second ROLLBACK would fail.
  if (!committed_ && connection_->in_transaction()) {
    sqlite3_exec(connection_->handle(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

void Transaction::commit() {
  if (committed_) {
    throw std::logic_error("Transaction::commit: already committed");
  }
  connection_->exec("COMMIT");
  committed_ = true;
}

}  // namespace hc::sqlite
