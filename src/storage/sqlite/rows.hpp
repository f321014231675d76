#pragma once
// Reading common values out of rows (times, and a coupon with its hotel), shared by the SQLite repositories.
#include "coupons/model.hpp"
#include "storage/coupon_columns.hpp"
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/statement.hpp"

#include <string_view>

namespace hc::sqlite {

using storage::kCouponColumnCount;
using storage::kCouponColumns;

//! The coupon in the row's kCouponColumns, which start at column `first`.
coupons::Coupon read_coupon(Statement& row, int first = 0);

//! A "YYYY-MM-DD" text column as a date (the epoch's day if it does not parse).
LocalDate date_column(Statement& row, int column);

//! An RFC 3339 text column as a time (the epoch if it does not parse).
SysSeconds time_column(Statement& row, int column);

//! Replaces the object-store key in `column` of the row `id` of `table` (constants of the caller, never input)
//! and returns the key it replaced, so the caller can remove that object. Call it inside a transaction.
std::string replace_key(Connection& db, std::string_view table, std::string_view column, std::string_view id,
                        std::string_view key);

//! A nullable RFC 3339 text column.
std::optional<SysSeconds> optional_time_column(Statement& row, int column);

}  // namespace hc::sqlite
