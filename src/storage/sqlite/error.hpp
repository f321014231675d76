#pragma once
// The one exception type of the SQLite layer. It keeps SQLite's extended result code so that callers can tell an
// expected outcome (a taken e-mail address, a busy database) from a real failure without parsing text.
#include <sqlite3.h>

#include "core/storage_full.hpp"

#include <stdexcept>
#include <string>
#include <string_view>

namespace hc::sqlite {

class Error : public std::runtime_error {
 public:
  //! Wraps an extended result code with a message written by this layer.
  Error(int code, const std::string& message) : std::runtime_error(message), code_(code) {}

  //! Names the failed operation and adds the connection's own error text; SQL text and bound values are left out
  //! on purpose, because they can carry secrets into logs.
  Error(sqlite3* db, int code, std::string_view operation) : Error(code, describe(db, code, operation)) {}

  //! The extended result code, e.g. SQLITE_CONSTRAINT_UNIQUE.
  [[nodiscard]] int code() const noexcept { return code_; }

  //! The primary result code (the low byte of the extended one), e.g. SQLITE_CONSTRAINT.
  [[nodiscard]] int primary_code() const noexcept { return code_ & kPrimaryMask; }

  //! Any constraint failure: UNIQUE, PRIMARY KEY, FOREIGN KEY, NOT NULL, CHECK, ...
  [[nodiscard]] bool is_constraint_violation() const noexcept { return primary_code() == SQLITE_CONSTRAINT; }

  //! A duplicate key: a UNIQUE index or the PRIMARY KEY already holds the value.
  [[nodiscard]] bool is_unique_violation() const noexcept {
    return code_ == SQLITE_CONSTRAINT_UNIQUE || code_ == SQLITE_CONSTRAINT_PRIMARYKEY;
  }

  //! Another connection held the lock for longer than the busy timeout; the operation may be retried.
  [[nodiscard]] bool is_busy() const noexcept { return primary_code() == SQLITE_BUSY; }

  //! The disk (or the database's max_page_count) is full.
  [[nodiscard]] bool is_full() const noexcept { return primary_code() == SQLITE_FULL; }

 private:
  static constexpr int kPrimaryMask = 0xff;

  static std::string describe(sqlite3* db, int code, std::string_view operation) {
    // The connection's text only describes `code` if it is still the connection's latest error.
    const bool has_own_text = db != nullptr && sqlite3_extended_errcode(db) == code;
    std::string message(operation);
    message += ": ";
    message += has_own_text ? sqlite3_errmsg(db) : sqlite3_errstr(code);
    message += " (code " + std::to_string(code) + ")";
    return message;
  }

  int code_;
};

//! SQLITE_FULL: the disk (or the database's max_page_count) is full. Still an Error for this layer's callers;
//! marked StorageFull for the layers above, which answer 503 instead of 500.
class FullError final : public Error, public StorageFull {
 public:
  explicit FullError(const Error& error) : Error(error) {}
};

//! Throws the error, as a FullError when it says the disk is full.
[[noreturn]] inline void throw_error(const Error& error) {
  if (error.is_full()) throw FullError(error);
  throw error;
}

}  // namespace hc::sqlite
