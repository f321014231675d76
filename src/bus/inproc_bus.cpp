#include "bus/inproc_bus.hpp"

#include "bus/live_message.hpp"

namespace hc::bus {

void InProcessBus::publish(const LiveMessage& message) {
  check_not_null(message);
  subscribers_.deliver(message);
}

void InProcessBus::subscribe(Handler handler) { subscribers_.add(std::move(handler)); }

}  // namespace hc::bus
