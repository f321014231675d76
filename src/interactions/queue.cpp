#include "interactions/queue.hpp"

namespace hc::interactions {

std::size_t DatabaseQueue::push(const std::vector<Interaction>& events, SysSeconds now) {
  return repository_.enqueue(events, now);
}

FoldResult DatabaseQueue::fold_once(std::size_t batch, SysSeconds now) { return repository_.fold(batch, now); }

std::pair<std::int64_t, std::chrono::seconds> DatabaseQueue::backlog(SysSeconds now) {
  return repository_.backlog(now);
}

}  // namespace hc::interactions
