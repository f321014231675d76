#include "reports/pdf_format.hpp"

#include "interactions/period.hpp"

#include <array>
#include <cmath>
#include <cstdio>

namespace hc::reports::detail {
namespace {

constexpr std::array<const char*, 12> kMonths{"Jan", "Feb", "Mar", "Apr", "May", "Jun",
                                              "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"};
constexpr const char* kMinus = "\u2212";  // a typographic minus lines up with the plus sign
constexpr const char* kNone = "\u2014";

const char* month_name(LocalDate day) {
  const unsigned month = static_cast<unsigned>(day.month());
  return month >= 1 && month <= 12 ? kMonths[month - 1] : "?";
}

// One decimal, signed; a value that rounds to zero is shown unsigned so "+0.0%" never appears.
Change signed_change(double value, const char* unit) {
  const double tenths = std::round(value * 10.0);
  char digits[64];
  std::snprintf(digits, sizeof digits, "%.1f%s", std::fabs(tenths) / 10.0, unit);
  if (tenths == 0.0) return {digits, Trend::flat};
  return tenths > 0 ? Change{std::string{"+"} + digits, Trend::up} : Change{kMinus + std::string{digits}, Trend::down};
}

}  // namespace

std::string format_count(std::int64_t value) {
  const std::uint64_t magnitude = value < 0 ? 0 - static_cast<std::uint64_t>(value) : static_cast<std::uint64_t>(value);
  const std::string digits = std::to_string(magnitude);
  std::string text = value < 0 ? kMinus : "";
  for (std::size_t i = 0; i < digits.size(); ++i) {
    if (i > 0 && (digits.size() - i) % 3 == 0) text += ',';
    text += digits[i];
  }
  return text;
}

std::string format_rate(std::optional<double> rate) {
  if (!rate || !std::isfinite(*rate)) return kNone;
  char text[64];
  std::snprintf(text, sizeof text, "%.1f%%", *rate * 100.0);
  return text;
}

std::string format_quantity(std::optional<std::int64_t> quantity) {
  return quantity ? format_count(*quantity) : "\u221E";
}

Change count_change(std::int64_t current, std::int64_t previous) {
  if (previous == 0) return current > 0 ? Change{"new", Trend::up} : Change{kNone, Trend::none};
  const double change = static_cast<double>(current - previous) / static_cast<double>(previous);
  return signed_change(change * 100.0, "%");
}

Change rate_change(std::optional<double> current, std::optional<double> previous) {
  if (!current || !previous) return {kNone, Trend::none};
  return signed_change((*current - *previous) * 100.0, " pp");
}

std::string format_date(LocalDate day) {
  return format_day_month(day) + " " + std::to_string(static_cast<int>(day.year()));
}

std::string format_day_month(LocalDate day) {
  return std::to_string(static_cast<unsigned>(day.day())) + " " + month_name(day);
}

std::string format_month(LocalDate day) {
  const std::string month = month_name(day);
  return day.month() == std::chrono::January ? month + " " + std::to_string(static_cast<int>(day.year())) : month;
}

std::string format_range(LocalDate from, LocalDate to) { return format_date(from) + " \u2013 " + format_date(to); }

std::string format_period(LocalDate from, LocalDate to) {
  const int days = interactions::Period{from, to}.days();
  return format_range(from, to) + " (" + format_count(days) + (days == 1 ? " day)" : " days)");
}

}  // namespace hc::reports::detail
