#pragma once
// The per-coupon table of the PDF report: one row per coupon, over as many pages as it needs, its header row
// repeated on each of them.
#include "reports/content.hpp"
#include "reports/pdf_page.hpp"

#include <cairo.h>

#include <array>

#include <cstddef>
#include <span>
#include <vector>

namespace hc::reports::detail {

// Fixed heights, so the number of pages is known before the first one is drawn.
inline constexpr double kTableRow = 16;
inline constexpr double kTableHeader = 20;

//! How many coupon rows fit below a table heading placed at `top`.
std::size_t table_rows_fitting(double top);

inline constexpr std::size_t kCouponColumnCount = 10;

//! One coupon's row, as text ready to measure and draw.
using CouponRow = std::array<Cell, kCouponColumnCount>;

//! The rows of the table, made once for measuring and drawing.
std::vector<CouponRow> coupon_rows(std::span<const CouponLine> coupons);

//! The table's columns: numbers as wide as the widest value needs, the title taking the rest.
std::vector<Column> coupon_columns(cairo_t* cr, std::span<const CouponRow> rows);

//! Draws the heading ("Coupons" or "Coupons (continued)"), the header row and `rows` from `top`.
void draw_coupon_table(cairo_t* cr, std::span<const Column> columns, std::span<const CouponRow> rows, bool continued,
                       double top);

}  // namespace hc::reports::detail
