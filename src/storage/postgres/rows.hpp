#pragma once
// Reading common values out of rows (times, and a coupon with its hotel), shared by the PostgreSQL repositories.
// Times and days are stored as the same RFC 3339 and "YYYY-MM-DD" text as in SQLite (see schema.cpp).
#include "coupons/model.hpp"
#include "storage/coupon_columns.hpp"
#include "storage/postgres/connection.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hc::postgres {

using storage::kCouponColumnCount;
using storage::kCouponColumns;

//! The coupon in row `row` of kCouponColumns, which start at column `first`.
coupons::Coupon read_coupon(const Result& rows, int row, int first = 0);

//! A "YYYY-MM-DD" text column as a date (the epoch's day if it does not parse).
LocalDate date_column(const Result& rows, int row, int column);

//! An RFC 3339 text column as a time (the epoch if it does not parse).
SysSeconds time_column(const Result& rows, int row, int column);

//! A nullable RFC 3339 text column.
std::optional<SysSeconds> optional_time_column(const Result& rows, int row, int column);

//! A nullable "YYYY-MM-DD" text column.
std::optional<LocalDate> optional_date_column(const Result& rows, int row, int column);

//! A date as a parameter: "YYYY-MM-DD", or NULL.
Param date_param(const std::optional<LocalDate>& day);

//! A bigint[] literal ("{1,2,3}"), so that a list of numbers travels as one parameter ($1::bigint[]).
std::string bigint_array(const std::vector<std::int64_t>& values);

//! A text[] literal with every element quoted ("{\"a\",\"b\"}"), so that a list of texts travels as one parameter
//! ($1::text[]) whatever they hold.
std::string text_array(const std::vector<std::string>& values);

}  // namespace hc::postgres
