#pragma once
// The CSV report: one row per coupon per day of the period, RFC 4180 (CRLF, quoted where needed), UTF-8.
#include "reports/content.hpp"

#include <span>
#include <string>
#include <string_view>

namespace hc::reports {

//! A field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break, quotes doubled.
//! Text that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) gets a leading '.
std::string csv_text_field(std::string_view text);

//! The header row, then for each coupon (in the order given: newest first) a row for each day of [from, to] from
//! the day it was created, with that day's counters (zeros on quiet days). `days` holds the days with activity,
//! in the same coupon order and then by day, as InteractionRepository::per_coupon_day gives them.
std::string render_csv(LocalDate from, LocalDate to, std::span<const CouponLine> coupons,
                       std::span<const interactions::CouponDayCounts> days);

}  // namespace hc::reports
