#pragma once
// The date range a hotelier asks statistics or a report for: hotel-local days, both ends included.
#include "core/error.hpp"
#include "core/result.hpp"
#include "core/timezone.hpp"
#include "interactions/model.hpp"

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

//! Every day of the period in order, with the counters of `active` (days with activity) and zeros elsewhere.
std::vector<DailyCounts> every_day(const Period& period, const std::vector<DailyCounts>& active);

//! The counters of all the days added up.
Counts sum(const std::vector<DailyCounts>& days);

}  // namespace hc::interactions
