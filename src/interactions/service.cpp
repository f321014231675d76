#include "interactions/service.hpp"

#include <map>

namespace hc::interactions {
namespace {

constexpr int kDefaultDays = 30;
constexpr int kMaxDays = 366;

void add(Counts& into, const Counts& more) {
  into.views += more.views;
  into.clicks += more.clicks;
  into.shares += more.shares;
  into.claims += more.claims;
  into.uses += more.uses;
}

std::vector<DailyCounts> every_day(LocalDate from, LocalDate to, const std::vector<DailyCounts>& active) {
  std::map<std::chrono::sys_days, Counts> by_day;
  for (const DailyCounts& day : active) by_day[std::chrono::sys_days{day.day}] = day.counts;
  std::vector<DailyCounts> days;
  for (auto day = std::chrono::sys_days{from}; day <= std::chrono::sys_days{to}; day += std::chrono::days{1}) {
    days.push_back({LocalDate{day}, by_day[day]});
  }
  return days;
}

}  // namespace

IngestResult InteractionService::ingest(const std::vector<Interaction>& events, std::size_t malformed) {
  // Events skipped as retries of ones already received are accepted too: the client may forget them all.
  interactions_.enqueue(events, now());
  gauges_.dropped_total += static_cast<std::int64_t>(malformed);
  return {events.size(), malformed};
}

std::size_t InteractionService::fold_once() {
  const SysSeconds now = this->now();
  const FoldResult result = interactions_.fold(kFoldBatch, now);
  const auto [depth, lag] = interactions_.backlog(now);
  gauges_.queue_depth = depth;
  gauges_.lag_seconds = lag.count();
  gauges_.last_batch = static_cast<std::int64_t>(result.folded + result.dropped);
  gauges_.dropped_total += static_cast<std::int64_t>(result.dropped);
  return result.folded + result.dropped;
}

Result<Stats, Error> InteractionService::stats(const Principal& hotelier, const std::optional<std::string>& from_text,
                                               const std::optional<std::string>& to_text) {
  const auto hotel = coupons_.hotel_of_owner(hotelier.user_id);
  if (!hotel) return Failure{make_error(Errc::forbidden)};
  std::vector<FieldIssue> issues;
  const LocalDate today = local_date(hotel->timezone, now()).value_or(LocalDate{});
  const auto parse = [&](const std::optional<std::string>& text, std::string_view field, LocalDate fallback) {
    if (!text) return fallback;
    const auto day = parse_iso_date(*text);
    if (!day) issues.push_back({std::string(field), "must be a date (YYYY-MM-DD)"});
    return day.value_or(fallback);
  };
  const LocalDate to = parse(to_text, "to", today);
  const LocalDate from = parse(from_text, "from", LocalDate{std::chrono::sys_days{to} - std::chrono::days{kDefaultDays - 1}});
  const auto span = (std::chrono::sys_days{to} - std::chrono::sys_days{from}).count() + 1;
  if (issues.empty() && span < 1) issues.push_back({"to", "must be on or after from"});
  if (issues.empty() && span > kMaxDays) issues.push_back({"to", "the range is at most 366 days"});
  if (!issues.empty()) return Failure{validation_error(std::move(issues))};
  Stats stats{from, to, hotel->timezone, {}, every_day(from, to, interactions_.daily(hotel->id, from, to)),
              interactions_.per_coupon(hotel->id, from, to)};
  for (const DailyCounts& day : stats.daily) add(stats.totals, day.counts);
  return stats;
}

}  // namespace hc::interactions
