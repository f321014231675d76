#pragma once
// Turns outbox events into notifications: into the inboxes first, then out to the connected clients. Runs in
// the background: at start-up it first delivers what a crash left behind, so nothing committed is lost
// between the commit and the delivery.
#include "core/log.hpp"
#include "notifications/repository.hpp"

namespace hc::notifications {

class OutboxDispatcher {
 public:
  OutboxDispatcher(NotificationRepository& repository, LiveChannel& live, Logger log)
      : repository_(repository), live_(live), log_(std::move(log)) {}

  //! Delivers up to `batch` waiting events; returns how many it handled.
  std::size_t run_once(SysSeconds now, std::size_t batch = 100);

 private:
  NotificationRepository& repository_;
  LiveChannel& live_;
  Logger log_;
};

}  // namespace hc::notifications
