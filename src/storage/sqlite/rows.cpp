#include "storage/sqlite/rows.hpp"

#include "coupons/rules.hpp"

namespace hc::sqlite {
namespace {

std::optional<LocalDate> optional_date(Statement& row, int column) {
  if (row.is_null(column)) return std::nullopt;
  return parse_iso_date(row.text(column));
}

}  // namespace

LocalDate date_column(Statement& row, int column) { return parse_iso_date(row.text(column)).value_or(LocalDate{}); }

SysSeconds time_column(Statement& row, int column) { return parse_rfc3339(row.text(column)).value_or(SysSeconds{}); }

std::optional<SysSeconds> optional_time_column(Statement& row, int column) {
  if (row.is_null(column)) return std::nullopt;
  return parse_rfc3339(row.text(column));
}

std::string replace_key(Connection& db, std::string_view table, std::string_view column, std::string_view id,
                        std::string_view key) {
  const std::string where = " FROM " + std::string(table) + " WHERE id = ?";
  Statement& previous = db.prepare("SELECT " + std::string(column) + where);
  previous.bind(1, id);
  std::string old_key = previous.step() ? previous.text(0) : std::string{};
  previous.reset();
  db.prepare("UPDATE " + std::string(table) + " SET " + std::string(column) + " = ? WHERE id = ?")
      .bind_all(key, id)
      .run();
  return old_key;
}

coupons::Coupon read_coupon(Statement& row, int first) {
  const auto at = [first](int column) { return first + column; };
  coupons::Coupon c;
  c.id = row.text(at(0));
  c.hotel = {row.text(at(1)), row.text(at(2)), row.text(at(3)), row.text(at(4))};
  c.title = row.text(at(5));
  c.description = row.text(at(6));
  c.terms = row.text(at(7));
  c.discount_percent = static_cast<int>(row.int64(at(8)));
  c.quantity = row.optional_int64(at(9));
  c.redeemed_count = row.int64(at(10));
  c.per_user_limit = static_cast<int>(row.int64(at(11)));
  c.valid_from = time_column(row, at(12));
  c.valid_until = time_column(row, at(13));
  c.valid_from_date = date_column(row, at(14));
  c.valid_until_date = date_column(row, at(15));
  c.stay_from = optional_date(row, at(16));
  c.stay_until = optional_date(row, at(17));
  c.status = coupons::parse_status(row.text(at(18))).value_or(coupons::CouponStatus::draft);
  c.image_key = row.text(at(19));
  c.created_at = time_column(row, at(20));
  c.updated_at = time_column(row, at(21));
  return c;
}

}  // namespace hc::sqlite
