#pragma once
// The embedded bus, for a single process: publish calls the handlers directly, on the publishing thread.
#include "bus/live_bus.hpp"
#include "bus/subscribers.hpp"

namespace hc::bus {

class InProcessBus final : public LiveBus {
 public:
  explicit InProcessBus(Logger log) : subscribers_(std::move(log)) {}

  //! Calls every handler before it returns; never throws for a handler's failure (that is logged).
  void publish(const LiveMessage& message) override;
  //! Several handlers may subscribe: each stands for one node sharing this process.
  void subscribe(Handler handler) override;

 private:
  Subscribers subscribers_;
};

}  // namespace hc::bus
