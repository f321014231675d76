#pragma once
// The handlers subscribed on one node, shared by the buses: adding one never waits for a delivery under way, and
// a handler that throws never keeps the message from the others (nor ends the thread that delivers it).
#include "bus/live_bus.hpp"
#include "core/log.hpp"

#include <memory>
#include <mutex>
#include <vector>

namespace hc::bus {

class Subscribers {
 public:
  explicit Subscribers(Logger log) : log_(std::move(log)) {}

  void add(LiveBus::Handler handler);
  //! Calls every handler with the message, on the calling thread.
  void deliver(const LiveMessage& message) const;

 private:
  using Handlers = std::vector<LiveBus::Handler>;

  Logger log_;
  mutable std::mutex mutex_;
  std::shared_ptr<const Handlers> handlers_ = std::make_shared<const Handlers>();  // replaced whole by add()
};

}  // namespace hc::bus
