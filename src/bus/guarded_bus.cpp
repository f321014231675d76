#include "bus/guarded_bus.hpp"

namespace hc::bus {
void GuardedBus::publish(const LiveMessage& message) {
  try {
    breaker_.run([&] { bus_.publish(message); });
  } catch (const DependencyUnavailable&) {
    throw;
  } catch (const std::runtime_error& e) {
    throw DependencyUnavailable(breaker_.name(), kRetryAfterFailedCall, e.what());
  }
}

}  // namespace hc::bus
