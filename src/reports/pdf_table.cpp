#include "reports/pdf_table.hpp"

#include "reports/pdf_format.hpp"
#include "reports/pdf_summary.hpp"
#include "render/text_layout.hpp"

#include <algorithm>
#include <array>
#include <cmath>
#include <string>

namespace hc::reports::detail {
namespace {

using render::detail::clean_text;

constexpr double kBodySize = 7.5;
constexpr double kHeaderSize = 7;
constexpr double kCellPadding = 10;   // both sides of a cell together (see draw_row)
constexpr double kMinTitleWidth = 120;
constexpr double kMaxNumberWidth = 64;  // wider values are ellipsized rather than squeezing every other column
constexpr std::size_t kColumnCount = kCouponColumnCount;

const std::array<const char*, kColumnCount> kHeaders{"Title", "Status",  "Discount", "Qty",        "Left",
                                                     "Views", "Claims", "Uses",     "Claim rate", "Use rate"};

CouponRow cells_of(const CouponLine& coupon) {
  return {Cell{coupon_title(coupon)},
          Cell{status_label(clean_text(coupon.status, 20)), status_colour(coupon.status)},
          Cell{std::to_string(coupon.discount_percent) + "%"},
          Cell{format_quantity(coupon.quantity)},
          Cell{format_quantity(coupon.remaining)},
          Cell{format_count(coupon.counts.views)},
          Cell{format_count(coupon.counts.claims), kInk, true},
          Cell{format_count(coupon.counts.uses)},
          Cell{format_rate(claim_rate(coupon.counts))},
          Cell{format_rate(use_rate(coupon.counts))}};
}

}  // namespace

std::size_t table_rows_fitting(double top) {
  const double room = kContentBottom - top - kHeadingHeight - kTableHeader;
  return room <= 0 ? 0 : static_cast<std::size_t>(std::floor(room / kTableRow));
}

std::vector<CouponRow> coupon_rows(std::span<const CouponLine> coupons) {
  std::vector<CouponRow> rows;
  rows.reserve(coupons.size());
  for (const CouponLine& coupon : coupons) rows.push_back(cells_of(coupon));
  return rows;
}

std::vector<Column> coupon_columns(cairo_t* cr, std::span<const CouponRow> rows) {
  std::array<double, kColumnCount> widths{};
  for (std::size_t i = 1; i < kColumnCount; ++i) widths[i] = text_width(cr, kHeaders[i], {kHeaderSize, true});
  for (const CouponRow& cells : rows) {
    for (std::size_t i = 1; i < kColumnCount; ++i) {
      widths[i] = std::max(widths[i], text_width(cr, cells[i].text, {kBodySize, cells[i].bold}));
    }
  }
  double numbers = 0;
  for (std::size_t i = 1; i < kColumnCount; ++i) {
    numbers += (widths[i] = std::min(std::ceil(widths[i]), kMaxNumberWidth) + kCellPadding + 1);
  }
  // Should the numbers still leave the title too little room, every column gives a little.
  const double scale = std::min(1.0, (kContentWidth - kMinTitleWidth) / numbers);
  std::vector<Column> columns;
  columns.push_back({kHeaders[0], kContentWidth - numbers * scale, Align::left});
  for (std::size_t i = 1; i < kColumnCount; ++i) {
    columns.push_back({kHeaders[i], widths[i] * scale, i == 1 ? Align::left : Align::right});
  }
  return columns;
}

void draw_coupon_table(cairo_t* cr, std::span<const Column> columns, std::span<const CouponRow> rows, bool continued,
                       double top) {
  double y = draw_heading(cr, continued ? "Coupons (continued)" : "Coupons", top,
                          continued ? "" : "all coupons, newest first");
  draw_header_row(cr, columns, y, kTableHeader, kHeaderSize);
  y += kTableHeader;
  for (std::size_t i = 0; i < rows.size(); ++i) {
    if (i % 2 == 1) fill_rect(cr, kMargin, y, kContentWidth, kTableRow, kStripe);
    draw_row(cr, columns, rows[i], y, kTableRow, kBodySize);
    y += kTableRow;
  }
  draw_rule(cr, kMargin, kPageWidth - kMargin, y, 0.5, kRule);
}

}  // namespace hc::reports::detail
