#pragma once
// Turns outbox events into notifications: into the inboxes first, then out to the connected clients. Runs in
// the background: at start-up it first delivers what a crash left behind, so nothing committed is lost
// between the commit and the delivery. When the live channel cannot take a delivery (the bus between nodes is
// down), the delivery waits here, in order, and goes out live once the channel takes it again; the inboxes have
// it meanwhile.
#include "core/log.hpp"
#include "notifications/repository.hpp"

#include <deque>
#include <memory>

namespace hc::notifications {

class OutboxDispatcher {
 public:
  OutboxDispatcher(NotificationRepository& repository, LiveChannel& live, Logger log)
      : repository_(repository), live_(live), log_(std::move(log)) {}

  //! Most deliveries kept for a live channel that is down; beyond this the oldest live copies are dropped (their
  //! recipients still find them in their inboxes).
  static constexpr std::size_t kMaxWaitingLive = 10'000;

  //! Sends out what waits for the live channel, then delivers up to `batch` waiting events; returns how many
  //! events it handled.
  std::size_t run_once(SysSeconds now, std::size_t batch = 100);

  //! How many deliveries wait for the live channel.
  [[nodiscard]] std::size_t waiting_live() const { return waiting_live_.size(); }

 private:
  //! Publishes the waiting deliveries in order; false (and they stay) while the channel refuses.
  bool publish_waiting();

  std::deque<std::shared_ptr<const Delivery>> waiting_live_;  // used by the one background thread only
  NotificationRepository& repository_;
  LiveChannel& live_;
  Logger log_;
};

}  // namespace hc::notifications
