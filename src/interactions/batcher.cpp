#include "interactions/batcher.hpp"

namespace hc::interactions {

void InteractionBatcher::add(Interaction event) {
  const std::lock_guard lock(mutex_);
  if (pending_.size() >= max_pending_) {
    ++malformed_;  // over the bound: dropped, and counted with the malformed
    return;
  }
  pending_.push_back(std::move(event));
}

void InteractionBatcher::add_malformed() {
  const std::lock_guard lock(mutex_);
  ++malformed_;
}

std::size_t InteractionBatcher::flush() {
  std::vector<Interaction> events;
  std::size_t malformed = 0;
  {
    const std::lock_guard lock(mutex_);
    events.swap(pending_);
    std::swap(malformed, malformed_);
  }
  if (events.empty() && malformed == 0) return 0;
  try {
    service_.ingest(events, malformed);
  } catch (...) {
    // The queue could not be written (a busy or full disk): keep the events for the next pass.
    const std::lock_guard lock(mutex_);
    const std::size_t room = max_pending_ > pending_.size() ? max_pending_ - pending_.size() : 0;
    malformed_ += malformed;
    if (events.size() > room) {
      malformed_ += events.size() - room;
      events.resize(room);
    }
    pending_.insert(pending_.begin(), std::make_move_iterator(events.begin()), std::make_move_iterator(events.end()));
    throw;
  }
  return events.size() + malformed;
}

}  // namespace hc::interactions
