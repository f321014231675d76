#pragma once
// GET /me/notifications and POST /me/notifications/read. The rules are storage's own (whose inbox, which
// rows), so the handlers call the repository directly, on the worker pool.
#include "core/result.hpp"
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

//! The body of POST /me/notifications/read: {up_to: id} or {ids: [id, ...]}, ids as strings (as the API gives them).
struct ReadRequest {
  std::optional<std::int64_t> up_to;
  std::vector<std::int64_t> ids;
};

//! Reads and checks that body (at most 500 ids, each one that can exist).
Result<ReadRequest, Error> read_mark_read_request(std::string_view body);

}  // namespace hc::notifications
