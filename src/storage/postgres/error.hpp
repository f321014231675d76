#pragma once
// The one exception type of the PostgreSQL layer. It sorts the server's SQLSTATE into the few kinds callers act
// on (answer 409, retry the transaction, reconnect) so that nobody parses message text.
#include <stdexcept>
#include <string>
#include <utility>

#include "core/storage_full.hpp"

namespace hc::postgres {

enum class ErrorKind {
  connection,             // could not connect, or the connection broke (class 08, 57P01-57P03, a closed socket)
  timeout,                // statement_timeout or lock_timeout ran out (57014, 55P03), or the client's deadline did
  unique_violation,       // 23505: a UNIQUE index or the PRIMARY KEY already holds the value
  constraint_violation,   // any other integrity failure (class 23: foreign key, check, not null, exclusion)
  serialization_failure,  // 40001: a concurrent transaction won; run the whole transaction again
  deadlock,               // 40P01: the server broke a deadlock by failing this transaction; run it again
  other,                  // anything else: a bad statement, a value of the wrong type, ...
};

class Error : public std::runtime_error {
 public:
  //! A message written by this layer (never SQL text or parameter values, which can carry secrets), with the
  //! server's five-character SQLSTATE when it sent one.
  Error(ErrorKind kind, const std::string& message, std::string sqlstate = {})
      : std::runtime_error(message), kind_(kind), sqlstate_(std::move(sqlstate)) {}

  //! What went wrong, sorted for the caller's decision.
  [[nodiscard]] ErrorKind kind() const noexcept { return kind_; }

  //! The server's SQLSTATE (e.g. "23505"), or empty for an error of the client library.
  [[nodiscard]] const std::string& sqlstate() const noexcept { return sqlstate_; }

  //! A duplicate key: the caller usually answers 409.
  [[nodiscard]] bool is_unique_violation() const noexcept { return kind_ == ErrorKind::unique_violation; }

  //! The transaction lost a race the server detected; running it again from BEGIN may succeed.
  [[nodiscard]] bool is_retryable() const noexcept {
    return kind_ == ErrorKind::serialization_failure || kind_ == ErrorKind::deadlock;
  }

 private:
  ErrorKind kind_;
  std::string sqlstate_;
};

//! The kind of error a SQLSTATE stands for.
ErrorKind error_kind(const std::string& sqlstate) noexcept;

//! 53100 disk_full: the server's disk is full. Still an Error for this layer's callers; marked StorageFull for the
//! layers above, which answer 503 instead of 500.
class FullError final : public Error, public StorageFull {
 public:
  explicit FullError(const Error& error) : Error(error) {}
};

//! Throws the error, as a FullError when it says the server's disk is full.
[[noreturn]] inline void throw_error(const Error& error) {
  if (error.sqlstate() == "53100") throw FullError(error);
  throw error;
}

}  // namespace hc::postgres
