#include "interactions/tally.hpp"

#include <algorithm>
#include <unordered_map>

namespace hc::interactions {
namespace {

std::int64_t* counter_of(Counts& counts, std::string_view action) {
  if (action == "view") return &counts.views;
  if (action == "click") return &counts.clicks;
  if (action == "share") return &counts.shares;
  if (action == "claim") return &counts.claims;
  if (action == "use") return &counts.uses;
  return nullptr;
}

bool is_action(std::string_view action) {
  Counts none;
  return counter_of(none, action) != nullptr;
}

//! The events whose id `id_of` gives (skipping those without), in the order of their ids.
template <class IdOf>
std::vector<const DeliveredInteraction*> sorted_by(const std::vector<const DeliveredInteraction*>& events, IdOf id_of) {
  std::vector<const DeliveredInteraction*> sorted;
  std::copy_if(events.begin(), events.end(), std::back_inserter(sorted),
               [&](const DeliveredInteraction* each) { return id_of(*each) != nullptr; });
  std::ranges::stable_sort(sorted, {}, [&](const DeliveredInteraction* each) { return *id_of(*each); });
  return sorted;
}

}  // namespace

void Tally::add(std::string_view coupon_id, std::string_view action, SysSeconds at, std::int64_t count,
                const std::optional<CouponHome>& home) {
  const auto day = home ? local_date(home->timezone, at) : std::nullopt;
  const auto events = static_cast<std::size_t>(count);
  if (!day || !is_action(action)) {
    dropped_ += events;
    return;
  }
  *counter_of(sums_[{std::string(coupon_id), to_iso_date(*day)}], action) += count;
  owners_.insert(home->owner_id);
  folded_ += events;
}

FoldResult Tally::result() const {
  return {folded_, dropped_, std::vector<std::string>(owners_.begin(), owners_.end())};
}

Tally tally_new_deliveries(const std::vector<DeliveredInteraction>& delivered, const RememberId& remember,
                           const FindHome& find) {
  std::vector<const DeliveredInteraction*> all;
  for (const DeliveredInteraction& each : delivered) all.push_back(&each);
  std::vector<const DeliveredInteraction*> first_deliveries;
  for (const DeliveredInteraction* each : sorted_by(all, [](const auto& e) { return &e.delivery_id; })) {
    if (remember(each->delivery_id)) first_deliveries.push_back(each);
  }
  // Events without an id cannot be retries of one another; an event whose id came before is.
  std::set<const DeliveredInteraction*> repeated;
  for (const DeliveredInteraction* each :
       sorted_by(first_deliveries, [](const auto& e) { return e.event.id ? &*e.event.id : nullptr; })) {
    if (!remember(*each->event.id)) repeated.insert(each);
  }
  std::unordered_map<std::string, std::optional<CouponHome>> homes;
  Tally tally;
  for (const DeliveredInteraction* each : first_deliveries) {
    if (repeated.contains(each)) continue;
    const Interaction& event = each->event;
    auto home = homes.find(event.coupon_id);
    if (home == homes.end()) home = homes.emplace(event.coupon_id, find(event.coupon_id)).first;
    tally.add(event.coupon_id, event.action, event.at, event.count, home->second);
  }
  return tally;
}

}  // namespace hc::interactions
