#pragma once
// The domain's expected failures and the one table that maps each to an HTTP status and a stable API code.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hc {

enum class Errc {
  // 400
  malformed_json,
  validation_failed,
  bad_request,
  // 401
  unauthenticated,
  invalid_credentials,
  invalid_token,
  // 403
  forbidden,
  // 404
  not_found,
  // 405
  method_not_allowed,
  // 409
  email_taken,
  invalid_transition,
  expired,
  archived,
  quantity_below_redeemed,
  // 413, 415, 431
  payload_too_large,
  unsupported_media_type,
  headers_too_large,
  // 429
  rate_limited,
  // 503
  unavailable,
  // 500
  internal,
};

//! One bad field of a request, as listed in the error body's `details`.
struct FieldIssue {
  std::string field;
  std::string message;
};

struct Error {
  Errc code;
  std::string message;  // empty: the table's default message
  std::vector<FieldIssue> details;
  std::optional<std::chrono::seconds> retry_after;
};

struct ErrcInfo {
  unsigned status;
  std::string_view code;
  std::string_view message;
};

//! The status, API code and default message of a domain error.
const ErrcInfo& info(Errc code);

//! An Error with the table's default message.
Error make_error(Errc code);

//! A 400 validation error listing each bad field.
Error validation_error(std::vector<FieldIssue> details);

}  // namespace hc
