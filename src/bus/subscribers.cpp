#include "bus/subscribers.hpp"

#include <exception>
#include <stdexcept>

namespace hc::bus {

void Subscribers::add(LiveBus::Handler handler) {
  if (!handler) throw std::invalid_argument("a live bus handler cannot be empty");
  const std::lock_guard lock(mutex_);
  auto handlers = std::make_shared<Handlers>(*handlers_);
  handlers->push_back(std::move(handler));
  handlers_ = std::move(handlers);
}

void Subscribers::deliver(const LiveMessage& message) const {
  std::shared_ptr<const Handlers> handlers;
  {
    const std::lock_guard lock(mutex_);
    handlers = handlers_;
  }
  for (const LiveBus::Handler& handler : *handlers) {
    try {
      handler(message);
    } catch (const std::exception& error) {
      log_.error("live bus handler failed", {{"what", std::string_view(error.what())}});
    } catch (...) {
      log_.error("live bus handler failed", {{"what", std::string_view("an exception of an unknown type")}});
    }
  }
}

}  // namespace hc::bus
