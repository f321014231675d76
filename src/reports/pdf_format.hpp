#pragma once
// How the PDF report writes numbers, rates, changes and dates: in English, for a reader, not for a machine.
#include "core/timezone.hpp"

#include <cstdint>
#include <optional>
#include <string>

namespace hc::reports::detail {

//! Which way a change went, so it can be coloured and marked.
enum class Trend { up, down, flat, none };

//! A change as shown in the headline table: "+23.4%", "−5.0 pp", "new", "—".
struct Change {
  std::string text;
  Trend trend = Trend::none;
};

//! "12,345" (thousands separated by commas).
std::string format_count(std::int64_t value);

//! "12.5%" for 0.125; "—" when there is no rate.
std::string format_rate(std::optional<double> rate);

//! "1,000" or "∞" for an unlimited quantity.
std::string format_quantity(std::optional<std::int64_t> quantity);

//! The percentage change from `previous` to `current`: "+23.4%", "−5.0%", "0.0%", "new" (from 0) or "—" (0 to 0).
Change count_change(std::int64_t current, std::int64_t previous);

//! The difference of two rates in percentage points: "+2.1 pp", "−0.4 pp"; "—" if either is missing.
Change rate_change(std::optional<double> current, std::optional<double> previous);

//! "1 Mar 2026".
std::string format_date(LocalDate day);

//! "1 Mar", for chart labels where the year is plain from the period.
std::string format_day_month(LocalDate day);

//! "Mar", or "Jan 2027" for January so a year's boundary stays readable.
std::string format_month(LocalDate day);

//! "1 Mar 2026 – 31 Mar 2026".
std::string format_range(LocalDate from, LocalDate to);

//! "1 Mar 2026 – 31 Mar 2026 (31 days)".
std::string format_period(LocalDate from, LocalDate to);

}  // namespace hc::reports::detail
