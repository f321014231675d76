#include "reports/csv.hpp"

#include <algorithm>

namespace hc::reports {
namespace {

constexpr std::string_view kHeader =
    "date,coupon_id,coupon_title,status,discount_percent,views,claims,uses,clicks,shares\r\n";

void append_row(std::string& out, LocalDate day, const CouponLine& coupon, const interactions::Counts& c) {
  out += to_iso_date(day);
  out += ',';
  out += coupon.id;  // ids are plain [0-9A-Z]
  out += ',';
  out += csv_text_field(coupon.title);
  out += ',';
  out += coupon.status;
  for (const std::int64_t value : {std::int64_t{coupon.discount_percent}, c.views, c.claims, c.uses, c.clicks, c.shares}) {
    out += ',';
    out += std::to_string(value);
  }
  out += "\r\n";
}

}  // namespace

std::string csv_text_field(std::string_view text) {
  std::string field;
  // A leading quote keeps spreadsheets from running a hotelier's title as a formula (CSV injection).
  if (!text.empty() && std::string_view("=+-@\t\r").find(text.front()) != std::string_view::npos) field += '\'';
  field += text;
  if (field.find_first_of(",\"\r\n") == std::string::npos) return field;
  std::string quoted = "\"";
  for (const char c : field) {
    quoted += c;
    if (c == '"') quoted += '"';
  }
  quoted += '"';
  return quoted;
}

std::string render_csv(LocalDate from, LocalDate to, std::span<const CouponLine> coupons,
                       std::span<const interactions::CouponDayCounts> days) {
  std::string out(kHeader);
  const interactions::Counts quiet;
  const auto last = std::chrono::sys_days{to};
  // Coupons and active days come in the same order, so one cursor walks the active days alongside the rows.
  auto next = days.begin();
  for (const CouponLine& coupon : coupons) {
    while (next != days.end() && next->coupon_id > coupon.id) ++next;  // a coupon not listed: skip its days
    const auto first = std::max(std::chrono::sys_days{from}, std::chrono::sys_days{coupon.created_on});
    for (auto day = first; day <= last; day += std::chrono::days{1}) {
      while (next != days.end() && next->coupon_id == coupon.id && std::chrono::sys_days{next->day} < day) ++next;
      const bool active = next != days.end() && next->coupon_id == coupon.id && std::chrono::sys_days{next->day} == day;
      append_row(out, LocalDate{day}, coupon, active ? (next++)->counts : quiet);
    }
  }
  return out;
}

}  // namespace hc::reports
