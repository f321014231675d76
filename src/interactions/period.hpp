#pragma once
// The date range a hotelier asks statistics or a report for: hotel-local days, both ends included.
#include "core/error.hpp"
#include "core/result.hpp"
#include "core/timezone.hpp"
#include "interactions/model.hpp"
#include "interactions/repository.hpp"

#include <optional>
#include <string>

namespace hc::interactions {

inline constexpr int kDefaultPeriodDays = 30;
inline constexpr int kMaxPeriodDays = 366;

struct Period {
  LocalDate from{};
  LocalDate to{};

  //! How many days the period spans.
  [[nodiscard]] int days() const;
  //! The period of the same length that ends the day before this one starts.
  [[nodiscard]] Period previous() const;
};

//! Reads `from` and `to` ("YYYY-MM-DD"); an absent `to` is `today`, an absent `from` makes the last 30 days.
//! Every bad field is named: not a date, `to` before `from`, or more than 366 days.
Result<Period, Error> read_period(const std::optional<std::string>& from, const std::optional<std::string>& to,
                                  LocalDate today);

//! A hotel's counters over a period: every day of it, and their total.
struct DailySeries {
  std::vector<DailyCounts> days;
  Counts totals;
};

//! Reads a hotel's daily counters over the period (what the stats and the reports show).
DailySeries read_daily(InteractionRepository& repository, std::string_view hotel_id, const Period& period);

}  // namespace hc::interactions
