#pragma once
// Turns outbox events into notifications. Runs in the background: at start-up it first delivers what a
// crash left behind, so nothing committed is lost between the commit and the delivery.
#include "core/log.hpp"
#include "notifications/repository.hpp"

namespace hc::notifications {

class OutboxDispatcher {
 public:
  OutboxDispatcher(NotificationRepository& repository, Logger log) : repository_(repository), log_(std::move(log)) {}

  //! Delivers up to `batch` waiting events; returns how many it handled.
  std::size_t run_once(SysSeconds now, std::size_t batch = 100);

 private:
  NotificationRepository& repository_;
  Logger log_;
};

}  // namespace hc::notifications
