#include "storage/postgres/error.hpp"

namespace hc::postgres {

ErrorKind error_kind(const std::string& sqlstate) noexcept {
  const std::string_view state(sqlstate);
  if (state == "23505") return ErrorKind::unique_violation;
  if (state.starts_with("23")) return ErrorKind::constraint_violation;
  if (state == "40001") return ErrorKind::serialization_failure;
  if (state == "40P01") return ErrorKind::deadlock;
  if (state == "57014" || state == "55P03") return ErrorKind::timeout;
  // 57P01-57P03: the server is shutting down or restarting and has dropped (or will not take) the connection.
  if (state.starts_with("08") || state == "57P01" || state == "57P02" || state == "57P03") {
    return ErrorKind::connection;
  }
  return ErrorKind::other;
}

}  // namespace hc::postgres
