#pragma once
// /healthz, /readyz, /metrics and /api/v1/openapi.json.
#include "core/worker_pool.hpp"
#include "net/http.hpp"
#include "ops/metrics.hpp"

#include <functional>
#include <string>
#include <vector>

namespace hc::ops {

//! The OpenAPI 3.1 document of the public API (api/openapi.json, embedded at build time).
std::string_view openapi_document();

//! A dependency /readyz checks; `check` blocks and returns an empty string when healthy, else the reason.
struct ReadinessCheck {
  std::string name;
  std::function<std::string()> check;  // "" when fine, else what is wrong
  // Without an essential dependency (the database) a node cannot serve: /readyz answers 503. Without another
  // (the object store) it serves all the rest: /readyz says "degraded" with 200, so a load balancer keeps it.
  bool essential = true;
};

class OpsHandlers {
 public:
  //! /readyz runs `checks` and shows the state of `breakers`.
  OpsHandlers(const Metrics& metrics, WorkerPool& workers, std::vector<ReadinessCheck> checks,
              std::vector<const CircuitBreaker*> breakers)
      : metrics_(metrics), workers_(workers), checks_(std::move(checks)), breakers_(std::move(breakers)) {}

  boost::asio::awaitable<net::Response> health(net::RequestContext& ctx);
  boost::asio::awaitable<net::Response> ready(net::RequestContext& ctx);
  boost::asio::awaitable<net::Response> metrics(net::RequestContext& ctx);
  boost::asio::awaitable<net::Response> openapi(net::RequestContext& ctx);
  boost::asio::awaitable<net::Response> home(net::RequestContext& ctx);

 private:
  const Metrics& metrics_;
  WorkerPool& workers_;
  std::vector<ReadinessCheck> checks_;
  std::vector<const CircuitBreaker*> breakers_;
};

}  // namespace hc::ops
