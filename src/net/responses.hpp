#pragma once
// Building responses: JSON bodies, the API's error body, empty answers.
#include "core/error.hpp"
#include "net/http.hpp"

#include <boost/json/fwd.hpp>

namespace hc::net {

//! A JSON response with the given status.
Response json_response(const RequestContext& ctx, http::status status, const boost::json::value& body);

//! The API's error body `{"error": {code, message, request_id, details?}}` with its status
//! (and `Retry-After` when the error carries one).
Response error_response(const Request& request, std::string_view request_id, const Error& error);
Response error_response(const RequestContext& ctx, const Error& error);

//! 204 No Content.
Response no_content(const RequestContext& ctx);

}  // namespace hc::net
