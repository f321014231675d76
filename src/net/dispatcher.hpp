#pragma once
// Turns one parsed request into one response: routing, authentication, media types, the exception
// boundary, the common headers, and the access log and metrics.
#include "core/log.hpp"
#include "core/result.hpp"
#include "core/storage_full.hpp"
#include "net/router.hpp"

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace hc::net {

//! Verifies bearer tokens (implemented by the accounts module).
class Authenticator {
 public:
  virtual ~Authenticator() = default;
  //! The principal a bearer token proves, or why it proves nothing.
  virtual Result<Principal, Error> authenticate(std::string_view bearer_token) const = 0;
};

//! Sees every finished exchange and connection (implemented by the metrics registry).
class ExchangeObserver {
 public:
  virtual ~ExchangeObserver() = default;
  //! One request answered; `route` is the route's pattern or a fixed label for unrouted requests.
  virtual void on_exchange(std::string_view route, std::string_view method, unsigned status,
                           std::chrono::nanoseconds duration) = 0;
  //! A connection opened (+1) or closed (-1).
  virtual void on_connection(int delta) = 0;
};

struct HttpLimits {
  std::size_t max_header_bytes = 8 * 1024;
  std::size_t max_json_body = 64 * 1024;
  std::size_t max_image_body = 5 * 1024 * 1024;
  std::chrono::seconds request_timeout{10};
  std::chrono::seconds idle_timeout{60};
  std::size_t max_connections = 10000;
  WebSocketLimits websocket;
};

//! Answers a GET or HEAD that no route takes (the web app's files and pages), or declines with nullopt and
//! leaves the request its usual 404.
using Fallback = std::function<std::optional<Response>(const RequestContext&)>;

struct DispatchPolicy {
  std::vector<std::string> allowed_origins;  // exact origins allowed to call the API from a browser
  bool trust_proxy = false;                  // take the client address from X-Forwarded-For
};

//! What is known once a request's header has arrived: when, its id, who sent it, and its route.
struct ExchangeStart {
  std::chrono::steady_clock::time_point at;
  std::string request_id;
  std::string client_address;
  RouteMatch match;
};

class Dispatcher {
 public:
  Dispatcher(const Router& router, const Authenticator& authenticator, ExchangeObserver& observer, Logger log,
             HttpLimits limits, DispatchPolicy policy);

  //! Starts an exchange: assigns the request id (the client's, when it is safe to echo) and finds the route.
  [[nodiscard]] ExchangeStart start(const http::request_header<>& header, std::string client_address) const;
  //! The largest body the exchange's route accepts.
  [[nodiscard]] std::size_t body_limit(const ExchangeStart& start) const;
  //! Answers a complete request. Never throws.
  boost::asio::awaitable<Response> handle(const Request& request, const ExchangeStart& start) const;
  //! Answers a request that failed before it could be routed (431, 413, 400), then logs it.
  [[nodiscard]] Response reject(const http::request_header<>& header, const ExchangeStart& start,
                                const Error& error) const;
  //! True when a browser request's Origin is one of the allowed origins (a request without one is not a
  //! browser's, and passes).
  [[nodiscard]] bool origin_allowed(const http::request_header<>& header) const;
  //! Logs and counts an exchange answered outside `handle` (a WebSocket upgrade, with status 101).
  void record(const http::request_header<>& header, const ExchangeStart& start, unsigned status) const;
  [[nodiscard]] const HttpLimits& limits() const { return limits_; }
  //! Replaces the allowed browser origins (once the bound port is known, before serving starts).
  void set_allowed_origins(std::vector<std::string> origins) { policy_.allowed_origins = std::move(origins); }
  //! Sets the answer for GET and HEAD requests no route takes, and their route label in logs and metrics
  //! (before serving starts).
  void set_fallback(Fallback fallback, std::string label) {
    fallback_ = std::move(fallback);
    fallback_label_ = std::move(label);
  }

 private:
  boost::asio::awaitable<Response> route(const Request& request, const RouteMatch& match, RequestContext& ctx,
                                         std::string& route_label) const;
  void finish(Response& response, const http::request_header<>& header, const ExchangeStart& start,
              std::string_view route_label) const;
  void record(const http::request_header<>& header, const ExchangeStart& start, std::string_view route_label,
              unsigned status, std::size_t bytes) const;
  //! How loud an exchange's log line is: errors for 5xx but 503, warnings for 503 and refusals (401, 403, 429).
  static LogLevel level_of(unsigned status);

  const Router& router_;
  const Authenticator& authenticator_;
  ExchangeObserver& observer_;
  Logger log_;
  HttpLimits limits_;
  DispatchPolicy policy_;
  Fallback fallback_;  // empty: unrouted requests get 404
  std::string fallback_label_;
  mutable StorageFullWarnings storage_full_;  // a full disk is logged once per burst, not once per request
};

}  // namespace hc::net
