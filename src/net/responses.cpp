#include "net/responses.hpp"

#include <boost/json.hpp>

namespace hc::net {
namespace {

Response make_response(const Request& request, http::status status) {
  Response response{status, request.version()};
  response.keep_alive(request.keep_alive());
  return response;
}

}  // namespace

Response json_response(const RequestContext& ctx, http::status status, const boost::json::value& body) {
  Response response = make_response(ctx.request, status);
  response.set(http::field::content_type, "application/json; charset=utf-8");
  response.body() = boost::json::serialize(body);
  return response;
}

Response error_response(const Request& request, std::string_view request_id, const Error& error) {
  const ErrcInfo& row = info(error.code);
  boost::json::object body{
      {"code", row.code},
      {"message", error.message.empty() ? row.message : std::string_view(error.message)},
      {"request_id", request_id},
  };
  if (!error.details.empty()) {
    boost::json::array details;
    for (const FieldIssue& issue : error.details) {
      details.push_back(boost::json::object{{"field", issue.field}, {"message", issue.message}});
    }
    body["details"] = std::move(details);
  }
  for (const auto& [name, value] : error.extra) body[name] = value;
  Response response = make_response(request, static_cast<http::status>(row.status));
  response.set(http::field::content_type, "application/json; charset=utf-8");
  if (error.retry_after) response.set(http::field::retry_after, std::to_string(error.retry_after->count()));
  response.body() = boost::json::serialize(boost::json::object{{"error", std::move(body)}});
  return response;
}

Response error_response(const RequestContext& ctx, const Error& error) {
  return error_response(ctx.request, ctx.request_id, error);
}

Response page_response(const RequestContext& ctx, boost::json::array items, const std::optional<std::string>& next_cursor) {
  return json_response(ctx, http::status::ok,
                       boost::json::object{{"items", std::move(items)},
                                           {"next_cursor", next_cursor ? boost::json::value(*next_cursor)
                                                                       : boost::json::value(nullptr)}});
}

Response no_content(const RequestContext& ctx) { return make_response(ctx.request, http::status::no_content); }

}  // namespace hc::net
