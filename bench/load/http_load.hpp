#pragma once
// The load tool's HTTP client: many keep-alive connections on a few threads (Boost.Beast, one coroutine per
// connection, one io_context per thread), each sending its next request as soon as the last answer arrived, and
// timing every exchange from the first byte written to the last byte read.
#include "latency.hpp"

#include <boost/beast/http/verb.hpp>

#include <chrono>
#include <cstdint>
#include <functional>
#include <map>
#include <optional>
#include <string>
#include <utility>

namespace hc::bench {

struct Request {
  Request(std::string target_, std::string token_, boost::beast::http::verb method_ = boost::beast::http::verb::get,
          std::string body_ = {})
      : target(std::move(target_)), token(std::move(token_)), method(method_), body(std::move(body_)) {}

  std::string target;
  std::string token;  // a bearer token when not empty
  boost::beast::http::verb method;
  std::string body;  // sent as application/json when not empty
};

//! The n-th request of connection `connection` (n counts from 0), or nullopt when that connection is done. Called
//! from several threads at once.
using NextRequest = std::function<std::optional<Request>(std::size_t connection, std::uint64_t n)>;

struct LoadPlan {
  std::uint16_t port = 0;
  std::size_t connections = 64;
  unsigned threads = 2;
  //! Requests during the warm-up are sent but not counted.
  std::chrono::milliseconds warmup{0};
  //! How long to measure; zero: until every connection is done.
  std::chrono::milliseconds duration{0};
  //! Every connection is opened before any request is sent, and the measurement starts when all are open: a
  //! crowd that is there when the sale opens (no warm-up then).
  bool connect_first = false;
  //! Called when the measured part begins and ends (to read the server's CPU time then).
  std::function<void()> measuring_started;
  std::function<void()> measuring_ended;
};

struct LoadResult {
  std::uint64_t requests = 0;  // answered while measuring
  double seconds = 0;          // how long the measurement lasted
  std::map<unsigned, std::uint64_t> statuses;
  std::uint64_t failures = 0;  // connections that broke or timed out
  std::string first_failure;
  Latencies latencies;

  [[nodiscard]] double per_second() const { return seconds > 0 ? static_cast<double>(requests) / seconds : 0; }
  [[nodiscard]] std::uint64_t with_status(unsigned status) const;
  //! Takes another thread's counts.
  void merge(LoadResult&& other);
};

//! Runs the load and returns what it measured; `observe`, when given, sees every measured answer's status and
//! body (from several threads at once).
LoadResult run_http_load(const LoadPlan& plan, const NextRequest& next,
                         const std::function<void(unsigned, const std::string&)>& observe = {});

struct Answer {
  unsigned status = 0;  // 0: no answer (the connection failed)
  std::string body;
};

//! One request on its own connection, for checking what a scenario left behind.
Answer fetch(std::uint16_t port, Request request);

}  // namespace hc::bench
