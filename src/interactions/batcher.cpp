#include "interactions/batcher.hpp"

#include <algorithm>
#include <chrono>
#include <map>
#include <string_view>
#include <tuple>

namespace hc::interactions {
namespace {

// Events a record may stand for together. The fold counts each event on its hotel-local day, which the batcher
// cannot know (the coupon's hotel decides it); a UTC minute is safe because every time zone's offset from UTC is a
// whole number of minutes (the last with seconds, Liberia's, ended in 1972, and events are at most days old), so
// all the instants of one UTC minute fall on the same local day in every zone.
using Group = std::tuple<std::string_view, std::string_view, std::chrono::sys_time<std::chrono::minutes>>;

// The records to queue for `events`: those without an id that share a group become one, with their summed count
// and the earliest time, in the order each group first came; those with an id are kept as they are.
std::vector<Interaction> add_up(const std::vector<Interaction>& events) {
  std::vector<Interaction> records;
  std::map<Group, std::size_t> record_of;  // views into `events`, which outlives the map
  for (const Interaction& event : events) {
    if (event.id) {
      records.push_back(event);
      continue;
    }
    const Group group{event.coupon_id, event.action, std::chrono::floor<std::chrono::minutes>(event.at)};
    const auto [found, first] = record_of.try_emplace(group, records.size());
    if (first) {
      records.push_back(event);
      continue;
    }
    Interaction& record = records[found->second];
    record.count += event.count;
    record.at = std::min(record.at, event.at);  // the lag a backlog shows is that of its oldest event
  }
  return records;
}

}  // namespace

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
    service_.ingest(add_up(events), malformed);
  } catch (...) {
    // The queue could not be written (a busy or full disk): keep the events, as they came, for the next pass.
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
