#include "reports/handlers.hpp"

#include "core/paging.hpp"
#include "net/json_body.hpp"
#include "net/responses.hpp"

#include <boost/json.hpp>

namespace hc::reports {
namespace {

boost::json::object report_json(const Report& r) {
  boost::json::object json{{"id", r.id},
                           {"from", to_iso_date(r.from)},
                           {"to", to_iso_date(r.to)},
                           {"format", to_string(r.format)},
                           {"status", to_string(r.status)},
                           {"attempts", r.attempts},
                           {"created_at", to_rfc3339(r.created_at)}};
  if (r.finished_at) json["finished_at"] = to_rfc3339(*r.finished_at);
  if (r.status == ReportStatus::ready) {
    json["download_url"] = "/api/v1/hotelier/reports/" + r.id + "/download";
    json["size_bytes"] = r.size_bytes;
  }
  if (!r.error.empty() && r.status != ReportStatus::ready) json["error"] = r.error;
  return json;
}

}  // namespace

Result<ReportRequest, Error> read_report_request(std::string_view body) {
  auto object = net::parse_json_object(body);
  if (!object) return Failure{object.error()};
  net::FieldReader fields(*object);
  ReportRequest request;
  request.from = fields.required_string("from");
  request.to = fields.required_string("to");
  // The range itself is the service's to check; the shape of each date is checked here with the other fields.
  if (!request.from.empty() && !parse_iso_date(request.from)) fields.add_issue("from", "must be a date (YYYY-MM-DD)");
  if (!request.to.empty() && !parse_iso_date(request.to)) fields.add_issue("to", "must be a date (YYYY-MM-DD)");
  const std::string format = fields.required_string("format");
  const auto parsed = parse_format(format);
  const auto* given = object->if_contains("format");
  if (!parsed && given != nullptr && given->is_string()) fields.add_issue("format", "must be pdf or csv");
  request.format = parsed.value_or(ReportFormat::pdf);
  auto issues = fields.finish();
  if (!issues.empty()) return Failure{validation_error(std::move(issues))};
  return request;
}

boost::asio::awaitable<net::Response> ReportHandlers::request(net::RequestContext& ctx) {
  auto request = read_report_request(ctx.request.body());
  if (!request) co_return net::error_response(ctx, request.error());
  // 202 once the job is stored: the worker renders it, and the hotelier follows its status or waits for report.ready.
  auto report = co_await workers_.run([&] { return service_.request(ctx.caller(), *request); });
  if (!report) co_return net::error_response(ctx, report.error());
  auto response = net::json_response(ctx, net::http::status::accepted, {{"report", report_json(*report)}});
  response.set(net::http::field::location, "/api/v1/hotelier/reports/" + report->id);
  co_return response;
}

boost::asio::awaitable<net::Response> ReportHandlers::list(net::RequestContext& ctx) {
  auto limit = parse_limit(ctx.query("limit"));
  if (!limit) co_return net::error_response(ctx, limit.error());
  auto page = co_await workers_.run([&] { return service_.list(ctx.caller(), ctx.query("cursor"), *limit); });
  if (!page) co_return net::error_response(ctx, page.error());
  boost::json::array items;
  for (const Report& report : page->items) items.push_back(report_json(report));
  co_return net::page_response(ctx, std::move(items), page->next_cursor);
}

boost::asio::awaitable<net::Response> ReportHandlers::get(net::RequestContext& ctx) {
  auto report = co_await workers_.run([&] { return service_.find(ctx.caller(), ctx.param("id")); });
  if (!report) co_return net::error_response(ctx, report.error());
  co_return net::json_response(ctx, net::http::status::ok, report_json(*report));
}

boost::asio::awaitable<net::Response> ReportHandlers::download(net::RequestContext& ctx) {
  auto file = co_await workers_.run([&] { return service_.download(ctx.caller(), ctx.param("id")); });
  if (!file) co_return net::error_response(ctx, file.error());
  net::Response response{net::http::status::ok, ctx.request.version()};
  response.keep_alive(ctx.request.keep_alive());
  response.set(net::http::field::content_type, file->content_type);
  response.set(net::http::field::content_disposition, file->disposition);
  response.set(net::http::field::cache_control, "private, no-store");
  response.body() = std::move(file->bytes);
  co_return response;
}

}  // namespace hc::reports
