#pragma once
// The domain's expected failures and the one table that maps each to an HTTP status and a stable API code.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
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
  invalid_code,
  // 405
  method_not_allowed,
  // 409
  email_taken,
  invalid_transition,
  expired,
  archived,
  quantity_below_redeemed,
  sold_out,
  already_redeemed,
  not_active,
  not_started,
  already_used,
  already_cancelled,
  not_used,
  undo_window_passed,
  report_not_ready,
  request_in_progress,
  // 422
  idempotency_key_reused,
  // 426
  upgrade_required,
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
  code_taken,  // a generated code collided; the caller draws another and never shows this
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
  std::vector<std::pair<std::string, std::string>> extra;  // more members of the error body (e.g. used_at)
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

//! A 400 validation error about one field.
Error field_error(std::string field, std::string message);

//! Appends the issues about fields not already named (reading problems come first; a rule that finds the same
//! field missing would only repeat them).
void merge_issues(std::vector<FieldIssue>& into, const std::vector<FieldIssue>& more);

}  // namespace hc
