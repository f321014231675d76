#pragma once
// What a report says, gathered once from storage and then laid out as a PDF or written as CSV. Everything
// here is already in the hotel's terms: local dates, the hotel's time zone, the statuses a hotelier sees.
#include "core/timezone.hpp"
#include "interactions/model.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hc::reports {

//! One coupon as the per-coupon table shows it.
struct CouponLine {
  std::string id;
  std::string title;
  std::string status;  // draft, active, paused, expired or archived, as the API shows it
  int discount_percent = 0;
  std::optional<std::int64_t> quantity;   // nullopt: unlimited
  std::optional<std::int64_t> remaining;  // nullopt: unlimited
  LocalDate created_on{};                 // hotel-local day it was created
  interactions::Counts counts;            // over the report's period
};

//! True when something was viewed, claimed or used.
inline bool has_activity(const interactions::Counts& counts) {
  return counts.views > 0 || counts.claims > 0 || counts.uses > 0;
}

struct ReportContent {
  std::string hotel_name;
  std::string hotel_city;
  std::string timezone;        // IANA name, e.g. "Europe/Dublin"
  LocalDate from{};            // first day of the period, inclusive
  LocalDate to{};              // last day of the period, inclusive
  LocalDate previous_from{};   // the period of the same length just before
  LocalDate previous_to{};
  std::string generated_at;    // "2026-11-22 14:03", local time in `timezone`
  interactions::Counts totals;           // equal to /hotelier/stats totals for the same period
  interactions::Counts previous_totals;  // over [previous_from, previous_to]
  std::vector<interactions::DailyCounts> daily;  // every day of the period, zeros included, in order
  std::vector<CouponLine> coupons;               // every coupon of the hotel, newest first

  //! True when nothing was viewed, claimed or used in the period.
  [[nodiscard]] bool empty() const { return !has_activity(totals); }
};

//! claims / views, or nullopt when there were no views.
std::optional<double> claim_rate(const interactions::Counts& counts);
//! uses / claims, or nullopt when there were no claims.
std::optional<double> use_rate(const interactions::Counts& counts);

}  // namespace hc::reports
