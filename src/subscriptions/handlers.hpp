#pragma once
// PUT/DELETE /hotels/{id}/subscription and GET /me/subscriptions. There are no rules beyond storage here, so
// the handlers call the repository directly (on the worker pool).
#include "core/worker_pool.hpp"
#include "net/http.hpp"
#include "subscriptions/repository.hpp"

namespace hc::subscriptions {

class SubscriptionHandlers {
 public:
  SubscriptionHandlers(SubscriptionRepository& subscriptions, WorkerPool& workers, NowFn now)
      : subscriptions_(subscriptions), workers_(workers), now_(std::move(now)) {}

  boost::asio::awaitable<net::Response> follow(net::RequestContext& ctx);
  boost::asio::awaitable<net::Response> unfollow(net::RequestContext& ctx);
  boost::asio::awaitable<net::Response> list(net::RequestContext& ctx);

 private:
  SubscriptionRepository& subscriptions_;
  WorkerPool& workers_;
  NowFn now_;
};

}  // namespace hc::subscriptions
