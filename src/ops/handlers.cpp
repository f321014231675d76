#include "ops/handlers.hpp"

#include "net/responses.hpp"

#include <boost/json.hpp>

namespace hc::ops {
namespace {

net::Response text_response(const net::RequestContext& ctx, std::string_view content_type, std::string body) {
  net::Response response{net::http::status::ok, ctx.request.version()};
  response.keep_alive(ctx.request.keep_alive());
  response.set(net::http::field::content_type, content_type);
  response.body() = std::move(body);
  return response;
}

// Shown at / until the web app is built and served from --web-dir.
constexpr std::string_view kHomePage = R"(<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Hotel Coupon</title></head>
<body><main><h1>Hotel Coupon</h1>
<p>The server is running. The API lives under <code>/api/v1</code>; its contract is at
<a href="/api/v1/openapi.json">/api/v1/openapi.json</a>.</p>
<p>Health: <a href="/healthz">/healthz</a> &middot; readiness: <a href="/readyz">/readyz</a> &middot;
metrics: <a href="/metrics">/metrics</a></p></main></body></html>
)";

}  // namespace

boost::asio::awaitable<net::Response> OpsHandlers::health(net::RequestContext& ctx) {
  co_return net::json_response(ctx, net::http::status::ok, {{"status", "ok"}});
}

boost::asio::awaitable<net::Response> OpsHandlers::ready(net::RequestContext& ctx) {
  boost::json::object checks;
  std::string failing;
  bool degraded = false;
  for (const ReadinessCheck& check : checks_) {
    // Each check touches its dependency (a query, a ping): on the worker pool.
    std::string problem = co_await workers_.run([&check] { return check.check(); });
    checks[check.name] = problem.empty() ? "ok" : problem;
    if (problem.empty()) continue;
    if (check.essential && failing.empty()) failing = check.name;
    degraded = true;
  }
  if (!failing.empty()) {
    Error error = make_error(Errc::unavailable);
    error.message = "Not ready: " + failing + " is unreachable";
    error.retry_after = std::chrono::seconds(5);
    co_return net::error_response(ctx, error);
  }
  boost::json::object breakers;
  for (const CircuitBreaker* breaker : breakers_) breakers[breaker->name()] = to_string(breaker->state());
  co_return net::json_response(
      ctx, net::http::status::ok,
      {{"status", degraded ? "degraded" : "ready"}, {"checks", checks}, {"breakers", breakers}});
}

boost::asio::awaitable<net::Response> OpsHandlers::metrics(net::RequestContext& ctx) {
  co_return text_response(ctx, "text/plain; version=0.0.4; charset=utf-8", metrics_.render());
}

boost::asio::awaitable<net::Response> OpsHandlers::openapi(net::RequestContext& ctx) {
  co_return text_response(ctx, "application/json; charset=utf-8", std::string(openapi_document()));
}

boost::asio::awaitable<net::Response> OpsHandlers::home(net::RequestContext& ctx) {
  co_return text_response(ctx, "text/html; charset=utf-8", std::string(kHomePage));
}

}  // namespace hc::ops
