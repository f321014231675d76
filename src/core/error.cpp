#include "core/error.hpp"

#include <algorithm>
#include <array>
#include <cstddef>

namespace hc {
namespace {

struct Row {
  Errc code;
  ErrcInfo info;
};

// The single place where a domain error becomes an HTTP status and a stable API code.
constexpr std::array kTable{
    Row{Errc::malformed_json, {400, "malformed_json", "The request body is not valid JSON"}},
    Row{Errc::validation_failed, {400, "validation_failed", "Some fields are missing or invalid"}},
    Row{Errc::bad_request, {400, "bad_request", "The request is malformed"}},
    Row{Errc::unauthenticated, {401, "unauthenticated", "Sign in to continue"}},
    Row{Errc::invalid_credentials, {401, "invalid_credentials", "The e-mail or password is wrong"}},
    Row{Errc::invalid_token, {401, "invalid_token", "The token is invalid or has expired"}},
    Row{Errc::forbidden, {403, "forbidden", "Your account cannot do this"}},
    Row{Errc::not_found, {404, "not_found", "Not found"}},
    Row{Errc::invalid_code, {404, "invalid_code", "This is not a valid code at this hotel"}},
    Row{Errc::method_not_allowed, {405, "method_not_allowed", "This method is not allowed here"}},
    Row{Errc::email_taken, {409, "email_taken", "An account with this e-mail already exists"}},
    Row{Errc::invalid_transition, {409, "invalid_transition", "This status change is not allowed"}},
    Row{Errc::expired, {409, "expired", "This coupon has expired"}},
    Row{Errc::archived, {409, "archived", "An archived coupon cannot be changed"}},
    Row{Errc::quantity_below_redeemed,
        {409, "quantity_below_redeemed", "The quantity cannot go below what has already been claimed"}},
    Row{Errc::sold_out, {409, "sold_out", "This coupon has no redemptions left"}},
    Row{Errc::already_redeemed, {409, "already_redeemed", "You have claimed this coupon as many times as allowed"}},
    Row{Errc::not_active, {409, "not_active", "This coupon is not available right now"}},
    Row{Errc::not_started, {409, "not_started", "This coupon cannot be claimed yet"}},
    Row{Errc::already_used, {409, "already_used", "This code has already been used"}},
    Row{Errc::already_cancelled, {409, "already_cancelled", "This claim was already cancelled"}},
    Row{Errc::not_used, {409, "not_used", "This code has not been used"}},
    Row{Errc::undo_window_passed, {409, "undo_window_passed", "A use can only be undone within 10 minutes"}},
    Row{Errc::report_not_ready, {409, "report_not_ready", "The report is not ready yet; its status says when it is"}},
    Row{Errc::request_in_progress,
        {409, "request_in_progress", "A request with this Idempotency-Key is still being processed"}},
    Row{Errc::idempotency_key_reused,
        {422, "idempotency_key_reused", "This Idempotency-Key was already used with a different request"}},
    Row{Errc::upgrade_required, {426, "upgrade_required", "This address speaks WebSocket; open a WebSocket to it"}},
    Row{Errc::payload_too_large, {413, "payload_too_large", "The request body is too large"}},
    Row{Errc::unsupported_media_type, {415, "unsupported_media_type", "Send the body as application/json"}},
    Row{Errc::headers_too_large, {431, "headers_too_large", "The request headers are too large"}},
    Row{Errc::rate_limited, {429, "rate_limited", "Too many attempts; try again later"}},
    Row{Errc::unavailable, {503, "unavailable", "A service the server depends on is unavailable"}},
    Row{Errc::internal, {500, "internal", "Something went wrong on our side"}},
    Row{Errc::code_taken, {500, "internal", "Something went wrong on our side"}},
};

constexpr bool table_is_in_enum_order() {
  for (std::size_t i = 0; i < kTable.size(); ++i) {
    if (static_cast<std::size_t>(kTable[i].code) != i) return false;
  }
  return true;
}
static_assert(table_is_in_enum_order(), "kTable rows must follow the order of Errc");

}  // namespace

const ErrcInfo& info(Errc code) { return kTable.at(static_cast<std::size_t>(code)).info; }

Error make_error(Errc code) { return Error{code, {}, {}, {}, {}}; }

Error validation_error(std::vector<FieldIssue> details) {
  return Error{Errc::validation_failed, {}, std::move(details), {}, {}};
}

Error field_error(std::string field, std::string message) {
  return validation_error({{std::move(field), std::move(message)}});
}

void merge_issues(std::vector<FieldIssue>& into, const std::vector<FieldIssue>& more) {
  const std::size_t named = into.size();
  for (const FieldIssue& issue : more) {
    const auto begin = into.begin();
    const auto end = begin + static_cast<std::ptrdiff_t>(named);
    if (std::none_of(begin, end, [&](const FieldIssue& seen) { return seen.field == issue.field; })) {
      into.push_back(issue);
    }
  }
}

}  // namespace hc
