#include "storage/sqlite/statement.hpp"

#include <sqlite3.h>

#include <climits>
#include <stdexcept>

#include "storage/sqlite/error.hpp"

namespace hc::sqlite {
namespace {

int to_sql_length(std::size_t size) {
  if (size > static_cast<std::size_t>(INT_MAX)) {
    throw Error(SQLITE_TOOBIG, "prepare: SQL text is too long");
  }
  return static_cast<int>(size);
}

// sqlite3_prepare_v3 silently ignores everything after the first statement, which would drop the rest of a
// multi-statement string without a word; anything left but whitespace and comments is refused instead.
bool holds_statement(sqlite3* db, std::string_view sql) {
  if (sql.find_first_not_of(" \t\r\n;") == std::string_view::npos) {
    return false;
  }
  sqlite3_stmt* next = nullptr;
  const int rc = sqlite3_prepare_v3(db, sql.data(), to_sql_length(sql.size()), 0, &next, nullptr);
  sqlite3_finalize(next);
  return rc != SQLITE_OK || next != nullptr;
}

}  // namespace

void Statement::Finalizer::operator()(sqlite3_stmt* stmt) const noexcept { sqlite3_finalize(stmt); }

Statement::Statement(sqlite3* db, std::string_view sql, unsigned int prepare_flags) {
  if (sql.empty()) {
    throw std::invalid_argument("prepare: SQL text is empty");
  }
  sqlite3_stmt* raw = nullptr;
  const char* tail = nullptr;
  const int rc = sqlite3_prepare_v3(db, sql.data(), to_sql_length(sql.size()), prepare_flags, &raw, &tail);
  stmt_.reset(raw);
  if (rc != SQLITE_OK) {
    throw Error(db, rc, "prepare");
  }
  if (!stmt_) {
    throw std::invalid_argument("prepare: SQL text holds no statement");
  }
  if (holds_statement(db, sql.substr(static_cast<std::size_t>(tail - sql.data())))) {
    throw std::invalid_argument("prepare: SQL text holds more than one statement; use Connection::exec");
  }
}

Statement& Statement::bind(int index, std::int64_t value) {
  check_bind(sqlite3_bind_int64(stmt_.get(), index, value), index);
  return *this;
}

Statement& Statement::bind(int index, int value) {
  check_bind(sqlite3_bind_int(stmt_.get(), index, value), index);
  return *this;
}

Statement& Statement::bind(int index, double value) {
  check_bind(sqlite3_bind_double(stmt_.get(), index, value), index);
  return *this;
}

Statement& Statement::bind(int index, std::string_view value) {
  // A default-constructed string_view has a null data pointer, which SQLite would store as NULL.
  const char* data = value.data() != nullptr ? value.data() : "";
  check_bind(sqlite3_bind_text64(stmt_.get(), index, data, value.size(), SQLITE_TRANSIENT, SQLITE_UTF8), index);
  return *this;
}

Statement& Statement::bind(int index, const std::string& value) { return bind(index, std::string_view(value)); }

Statement& Statement::bind(int index, const char* value) {
  return value != nullptr ? bind(index, std::string_view(value)) : bind(index, nullptr);
}

Statement& Statement::bind(int index, std::nullptr_t) {
  check_bind(sqlite3_bind_null(stmt_.get(), index), index);
  return *this;
}

Statement& Statement::bind(int index, const std::optional<std::string>& value) {
  return value ? bind(index, std::string_view(*value)) : bind(index, nullptr);
}

Statement& Statement::bind(int index, const std::optional<std::int64_t>& value) {
  return value ? bind(index, *value) : bind(index, nullptr);
}

Statement& Statement::bind(int index, std::span<const unsigned char> value) {
  // SQLite stores a null pointer as NULL, and an empty span's pointer may well be null.
  const int rc = value.empty()
                     ? sqlite3_bind_zeroblob(stmt_.get(), index, 0)
                     : sqlite3_bind_blob64(stmt_.get(), index, value.data(), value.size(), SQLITE_TRANSIENT);
  check_bind(rc, index);
  return *this;
}

bool Statement::step() {
  has_row_ = false;
  const int rc = sqlite3_step(stmt_.get());
  if (rc == SQLITE_ROW) {
    has_row_ = true;
    return true;
  }
  if (rc == SQLITE_DONE) {
    return false;
  }
  Error error(sqlite3_db_handle(stmt_.get()), rc, "step");
  sqlite3_reset(stmt_.get());  // releases the locks at once rather than at the next use of the statement
  throw_error(error);
}

void Statement::run() {
  if (step()) {
    reset();
    throw Error(SQLITE_MISUSE, "run: the statement returned a row; read rows with step()");
  }
}

void Statement::reset() noexcept {
  has_row_ = false;
  if (stmt_) {
    // The result repeats the last step()'s error, which step() has already thrown.
    sqlite3_reset(stmt_.get());
    sqlite3_clear_bindings(stmt_.get());
  }
}

std::int64_t Statement::int64(int col) const {
  check_not_null(col);
  return sqlite3_column_int64(stmt_.get(), col);
}

double Statement::real(int col) const {
  check_not_null(col);
  return sqlite3_column_double(stmt_.get(), col);
}

std::string Statement::text(int col) const {
  check_not_null(col);
  const unsigned char* data = sqlite3_column_text(stmt_.get(), col);
  if (data == nullptr) {
    throw Error(SQLITE_NOMEM, "text: out of memory converting column " + std::to_string(col));
  }
  const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt_.get(), col));
  return std::string(reinterpret_cast<const char*>(data), size);
}

std::vector<unsigned char> Statement::blob(int col) const {
  check_not_null(col);
  const auto* data = static_cast<const unsigned char*>(sqlite3_column_blob(stmt_.get(), col));
  const auto size = static_cast<std::size_t>(sqlite3_column_bytes(stmt_.get(), col));
  if (size == 0) {
    return {};  // SQLite returns a null pointer for a zero-length blob
  }
  if (data == nullptr) {
    throw Error(SQLITE_NOMEM, "blob: out of memory converting column " + std::to_string(col));
  }
  return std::vector<unsigned char>(data, data + size);
}

std::optional<std::string> Statement::optional_text(int col) const {
  if (is_null(col)) {
    return std::nullopt;
  }
  return text(col);
}

std::optional<std::int64_t> Statement::optional_int64(int col) const {
  if (is_null(col)) {
    return std::nullopt;
  }
  return int64(col);
}

bool Statement::is_null(int col) const {
  check_column(col);
  return sqlite3_column_type(stmt_.get(), col) == SQLITE_NULL;
}

void Statement::check_bind(int rc, int index) const {
  if (rc != SQLITE_OK) {
    throw Error(sqlite3_db_handle(stmt_.get()), rc, "bind parameter " + std::to_string(index));
  }
}

// SQLite answers out-of-range or row-less reads with a quiet NULL or 0, which would hide the bug.
void Statement::check_column(int col) const {
  if (!has_row_) {
    throw Error(SQLITE_MISUSE, "column " + std::to_string(col) + ": no row is ready; call step() first");
  }
  if (col < 0 || col >= sqlite3_column_count(stmt_.get())) {
    throw Error(SQLITE_RANGE, "column " + std::to_string(col) + " is out of range");
  }
}

// Reading NULL as 0 or "" would silently hide a schema or query mistake; nullable columns use optional_*.
void Statement::check_not_null(int col) const {
  if (is_null(col)) {
    throw Error(SQLITE_MISMATCH, "column " + std::to_string(col) + " is NULL; read it with optional_* or is_null");
  }
}

}  // namespace hc::sqlite
