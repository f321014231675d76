#include "interactions/period.hpp"

#include <map>

namespace hc::interactions {
namespace {

// Every day of the period in order, with the counters of `active` (days with activity) and zeros elsewhere.
std::vector<DailyCounts> every_day(const Period& period, const std::vector<DailyCounts>& active) {
  std::map<std::chrono::sys_days, Counts> by_day;
  for (const DailyCounts& day : active) by_day[std::chrono::sys_days{day.day}] = day.counts;
  std::vector<DailyCounts> days;
  for (auto day = std::chrono::sys_days{period.from}; day <= std::chrono::sys_days{period.to}; day += std::chrono::days{1}) {
    days.push_back({LocalDate{day}, by_day[day]});
  }
  return days;
}

// The counters of all the days added up.
Counts sum(const std::vector<DailyCounts>& days) {
  Counts total;
  for (const DailyCounts& day : days) {
    total.views += day.counts.views;
    total.clicks += day.counts.clicks;
    total.shares += day.counts.shares;
    total.claims += day.counts.claims;
    total.uses += day.counts.uses;
  }
  return total;
}

}  // namespace

int Period::days() const {
  return static_cast<int>((std::chrono::sys_days{to} - std::chrono::sys_days{from}).count()) + 1;
}

Period Period::previous() const {
  const auto start = std::chrono::sys_days{from};
  return {LocalDate{start - std::chrono::days{days()}}, LocalDate{start - std::chrono::days{1}}};
}

Result<Period, Error> read_period(const std::optional<std::string>& from_text, const std::optional<std::string>& to_text,
                                  LocalDate today) {
  std::vector<FieldIssue> issues;
  const auto parse = [&](const std::optional<std::string>& text, std::string_view field, LocalDate fallback) {
    if (!text) return fallback;
    const auto day = parse_iso_date(*text);
    if (!day) issues.push_back({std::string(field), "must be a date (YYYY-MM-DD)"});
    return day.value_or(fallback);
  };
  const LocalDate to = parse(to_text, "to", today);
  const LocalDate from =
      parse(from_text, "from", LocalDate{std::chrono::sys_days{to} - std::chrono::days{kDefaultPeriodDays - 1}});
  const Period period{from, to};
  if (issues.empty() && period.days() < 1) issues.push_back({"to", "must be on or after from"});
  if (issues.empty() && period.days() > kMaxPeriodDays) issues.push_back({"to", "the range is at most 366 days"});
  if (!issues.empty()) return Failure{validation_error(std::move(issues))};
  return period;
}

DailySeries read_daily(InteractionRepository& repository, std::string_view hotel_id, const Period& period) {
  DailySeries series{every_day(period, repository.daily(hotel_id, period.from, period.to)), {}};
  series.totals = sum(series.days);
  return series;
}

}  // namespace hc::interactions
