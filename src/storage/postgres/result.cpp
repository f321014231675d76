#include <libpq-fe.h>

#include <charconv>

#include "storage/postgres/connection.hpp"
#include "storage/postgres/error.hpp"

namespace hc::postgres {

Param to_param(std::string_view value) { return std::string(value); }
Param to_param(const std::string& value) { return value; }
Param to_param(const char* value) { return value == nullptr ? Param{} : Param{value}; }
Param to_param(std::int64_t value) { return std::to_string(value); }
Param to_param(int value) { return std::to_string(value); }
Param to_param(bool value) { return value ? "true" : "false"; }
Param to_param(std::nullptr_t) { return std::nullopt; }
Param to_param(const std::optional<std::string>& value) { return value; }
Param to_param(const std::optional<std::int64_t>& value) { return value ? to_param(*value) : std::nullopt; }

void Result::Clearer::operator()(pg_result* result) const noexcept { PQclear(result); }

Result::Result(pg_result* result) noexcept : result_(result) {}

int Result::rows() const noexcept { return PQntuples(result_.get()); }

std::int64_t Result::affected_rows() const {
  const std::string_view count = PQcmdTuples(result_.get());
  std::int64_t value = 0;
  std::from_chars(count.data(), count.data() + count.size(), value);  // empty for statements that change no rows
  return value;
}

std::string Result::text(int row, int col) const {
  check_not_null(row, col);
  return {PQgetvalue(result_.get(), row, col), static_cast<std::size_t>(PQgetlength(result_.get(), row, col))};
}

std::int64_t Result::int64(int row, int col) const {
  const std::string value = text(row, col);
  std::int64_t number = 0;
  const auto [end, error] = std::from_chars(value.data(), value.data() + value.size(), number);
  if (error != std::errc{} || end != value.data() + value.size()) {
    throw Error(ErrorKind::other, "column " + std::to_string(col) + " is not a 64-bit integer");
  }
  return number;
}

std::optional<std::string> Result::optional_text(int row, int col) const {
  if (is_null(row, col)) return std::nullopt;
  return text(row, col);
}

std::optional<std::int64_t> Result::optional_int64(int row, int col) const {
  if (is_null(row, col)) return std::nullopt;
  return int64(row, col);
}

bool Result::is_null(int row, int col) const {
  check_cell(row, col);
  return PQgetisnull(result_.get(), row, col) == 1;
}

void Result::check_cell(int row, int col) const {
  if (row < 0 || row >= PQntuples(result_.get()) || col < 0 || col >= PQnfields(result_.get())) {
    throw Error(ErrorKind::other, "no cell at row " + std::to_string(row) + ", column " + std::to_string(col) +
                                      " (the result has " + std::to_string(PQntuples(result_.get())) + " rows of " +
                                      std::to_string(PQnfields(result_.get())) + " columns)");
  }
}

void Result::check_not_null(int row, int col) const {
  if (is_null(row, col)) {
    throw Error(ErrorKind::other, "column " + std::to_string(col) + " of row " + std::to_string(row) + " is NULL");
  }
}

}  // namespace hc::postgres
