#pragma once
// GET /me/notifications and POST /me/notifications/read. The rules are storage's own (whose inbox, which
// rows), so the handlers call the repository directly, on the worker pool.
#include "core/worker_pool.hpp"
#include "net/http.hpp"
#include "notifications/repository.hpp"

namespace hc::notifications {

class NotificationHandlers {
 public:
  NotificationHandlers(NotificationRepository& repository, WorkerPool& workers)
      : repository_(repository), workers_(workers) {}

  boost::asio::awaitable<net::Response> list(net::RequestContext& ctx);
  boost::asio::awaitable<net::Response> mark_read(net::RequestContext& ctx);

 private:
  NotificationRepository& repository_;
  WorkerPool& workers_;
};

}  // namespace hc::notifications
