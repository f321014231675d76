#include "interactions/service.hpp"

#include "interactions/period.hpp"

namespace hc::interactions {

IngestResult InteractionService::ingest(const std::vector<Interaction>& events, std::size_t malformed) {
  // Events skipped as retries of ones already received are accepted too: the client may forget them all.
  queue_.push(events, now());
  gauges_.dropped_total += static_cast<std::int64_t>(malformed);
  return {event_count(events), malformed};
}

FoldResult InteractionService::fold_once() {
  const SysSeconds now = this->now();
  const FoldResult result = queue_.fold_once(kFoldBatch, now);
  const auto [depth, lag] = queue_.backlog(now);
  gauges_.queue_depth = depth;
  gauges_.lag_seconds = lag.count();
  gauges_.last_batch = static_cast<std::int64_t>(result.folded + result.dropped);
  gauges_.dropped_total += static_cast<std::int64_t>(result.dropped);
  return result;
}

Result<Stats, Error> InteractionService::stats(const Principal& hotelier, const std::optional<std::string>& from_text,
                                               const std::optional<std::string>& to_text) {
  const auto hotel = coupons_.hotel_of_owner(hotelier.user_id);
  if (!hotel) return Failure{make_error(Errc::forbidden)};
  const LocalDate today = local_date(hotel->timezone, now()).value_or(LocalDate{});
  auto period = read_period(from_text, to_text, today);
  if (!period) return Failure{period.error()};
  auto [days, totals] = read_daily(interactions_, hotel->id, *period);
  return Stats{period->from, period->to,      hotel->timezone,
               totals,       std::move(days), interactions_.per_coupon(hotel->id, period->from, period->to)};
}

}  // namespace hc::interactions
