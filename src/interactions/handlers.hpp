#pragma once
// POST /interactions (the batch fallback for clients without a socket) and GET /hotelier/stats.
#include "core/worker_pool.hpp"
#include "interactions/service.hpp"
#include "net/http.hpp"

namespace hc::interactions {

class InteractionHandlers {
 public:
  InteractionHandlers(InteractionService& service, WorkerPool& workers) : service_(service), workers_(workers) {}

  boost::asio::awaitable<net::Response> post_batch(net::RequestContext& ctx);
  boost::asio::awaitable<net::Response> stats(net::RequestContext& ctx);

 private:
  InteractionService& service_;
  WorkerPool& workers_;
};

}  // namespace hc::interactions
