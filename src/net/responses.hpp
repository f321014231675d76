#pragma once
// Building responses: JSON bodies, the API's error body, empty answers.
#include "core/error.hpp"
#include "net/http.hpp"

#include <boost/json/fwd.hpp>

#include <optional>
#include <string>

namespace hc::net {

//! A JSON response with the given status.
Response json_response(const RequestContext& ctx, http::status status, const boost::json::value& body);

//! The API's error body `{"error": {code, message, request_id, details?}}` with its status
//! (and `Retry-After` when the error carries one).
Response error_response(const Request& request, std::string_view request_id, const Error& error);
Response error_response(const RequestContext& ctx, const Error& error);

//! A page of a list as API.md gives it: `{"items": [...], "next_cursor": "..." | null}`.
Response page_response(const RequestContext& ctx, boost::json::array items, const std::optional<std::string>& next_cursor);

//! 204 No Content.
Response no_content(const RequestContext& ctx);

}  // namespace hc::net
