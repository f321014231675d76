#pragma once
// The CSV report: one row per coupon per day of the period, RFC 4180 (CRLF, quoted where needed), UTF-8.
#include "reports/content.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace hc::reports {

//! A field as RFC 4180 writes it: quoted when it holds a comma, a quote or a line break, quotes doubled.
//! Text that a spreadsheet would run as a formula (starting with =, +, -, @, tab or CR) gets a leading '.
std::string csv_text_field(std::string_view text);

//! The header row, then for each coupon (in content order) a row for each day of the period from the day it was
//! created, with that day's counters (zeros on quiet days): `days` holds the days with activity.
std::string render_csv(const ReportContent& content, const std::vector<interactions::CouponDayCounts>& days);

}  // namespace hc::reports
