#pragma once
// A bus between nodes behind a circuit breaker: while it cannot be reached, publish fails at once with
// DependencyUnavailable instead of waiting out a timeout per message, and the callers (the outbox, the fold) keep
// what they could not publish and try again later.
#include "bus/live_bus.hpp"
#include "core/circuit_breaker.hpp"

namespace hc::bus {

class GuardedBus final : public LiveBus {
 public:
  GuardedBus(LiveBus& bus, CircuitBreaker& breaker) : bus_(bus), breaker_(breaker) {}

  //! Publishes through the breaker; throws DependencyUnavailable when the bus failed or the breaker is open.
  void publish(const LiveMessage& message) override;
  void subscribe(Handler handler) override { bus_.subscribe(std::move(handler)); }
  void on_gap(std::function<void()> handler) override { bus_.on_gap(std::move(handler)); }

 private:
  LiveBus& bus_;
  CircuitBreaker& breaker_;
};

}  // namespace hc::bus
