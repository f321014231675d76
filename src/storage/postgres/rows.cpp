#include "storage/postgres/rows.hpp"

#include "core/time.hpp"
#include "core/timezone.hpp"
#include "coupons/rules.hpp"

namespace hc::postgres {

LocalDate date_column(const Result& rows, int row, int column) {
  return parse_iso_date(rows.text(row, column)).value_or(LocalDate{});
}

SysSeconds time_column(const Result& rows, int row, int column) {
  return parse_rfc3339(rows.text(row, column)).value_or(SysSeconds{});
}

std::optional<SysSeconds> optional_time_column(const Result& rows, int row, int column) {
  if (rows.is_null(row, column)) return std::nullopt;
  return parse_rfc3339(rows.text(row, column));
}

std::optional<LocalDate> optional_date_column(const Result& rows, int row, int column) {
  if (rows.is_null(row, column)) return std::nullopt;
  return parse_iso_date(rows.text(row, column));
}

Param date_param(const std::optional<LocalDate>& day) {
  if (!day) return std::nullopt;
  return to_iso_date(*day);
}

std::string bigint_array(const std::vector<std::int64_t>& values) {
  std::string text = "{";
  for (const std::int64_t value : values) {
    if (text.size() > 1) text += ',';
    text += std::to_string(value);
  }
  return text + "}";
}

std::string text_array(const std::vector<std::string>& values) {
  std::string text = "{";
  for (const std::string& value : values) {
    if (text.size() > 1) text += ',';
    text += '"';
    for (const char c : value) {
      if (c == '"' || c == '\\') text += '\\';
      text += c;
    }
    text += '"';
  }
  return text + "}";
}

coupons::Coupon read_coupon(const Result& rows, int row, int first) {
  const auto at = [first](int column) { return first + column; };
  const auto text = [&](int column) { return rows.text(row, at(column)); };
  coupons::Coupon c;
  c.id = text(0);
  c.hotel = {text(1), text(2), text(3), text(4)};
  c.title = text(5);
  c.description = text(6);
  c.terms = text(7);
  c.discount_percent = static_cast<int>(rows.int64(row, at(8)));
  c.quantity = rows.optional_int64(row, at(9));
  c.redeemed_count = rows.int64(row, at(10));
  c.per_user_limit = static_cast<int>(rows.int64(row, at(11)));
  c.valid_from = time_column(rows, row, at(12));
  c.valid_until = time_column(rows, row, at(13));
  c.valid_from_date = date_column(rows, row, at(14));
  c.valid_until_date = date_column(rows, row, at(15));
  c.stay_from = optional_date_column(rows, row, at(16));
  c.stay_until = optional_date_column(rows, row, at(17));
  c.status = coupons::parse_status(text(18)).value_or(coupons::CouponStatus::draft);
  c.image_key = text(19);
  c.created_at = time_column(rows, row, at(20));
  c.updated_at = time_column(rows, row, at(21));
  return c;
}

}  // namespace hc::postgres
