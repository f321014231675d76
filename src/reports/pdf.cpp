#include "reports/pdf.hpp"

#include "reports/pdf_chart.hpp"
#include "reports/pdf_cover.hpp"
#include "reports/pdf_format.hpp"
#include "reports/pdf_page.hpp"
#include "reports/pdf_summary.hpp"
#include "reports/pdf_table.hpp"
#include "render/pdf_surface.hpp"
#include "render/text_layout.hpp"

#include <algorithm>
#include <cstddef>
#include <optional>
#include <span>
#include <vector>

namespace hc::reports {
namespace detail {
namespace {

constexpr std::size_t kTopCoupons = 10;
constexpr std::size_t kMinRowsAfterSummary = 5;  // fewer would look like an orphan: start a fresh page instead
constexpr double kMaxChartHeight = 330;

//! Which slice of the coupon table a page carries, and from where.
struct TablePart {
  std::size_t first = 0;
  std::size_t count = 0;
  double top = kMargin;
  bool continued = false;
};

//! What one page holds. The first page is always the cover; the second (with activity) the summary.
struct PagePlan {
  bool cover = false;
  bool summary = false;
  std::optional<TablePart> table;
};

struct Plan {
  std::vector<PagePlan> pages;
  std::vector<const CouponLine*> top;
};

double summary_height(const ReportContent& content, std::size_t top_rows) {
  return top_coupons_height(top_rows) + status_height(!content.coupons.empty());
}

// Heights are fixed per section and row, so the whole pagination is known before anything is drawn and the
// footer can say "Page N of M".
Plan plan_pages(const ReportContent& content) {
  Plan plan{{PagePlan{true, false, std::nullopt}}, {}};
  if (content.empty()) return plan;  // the cover page carries the "no activity" panel and the status
  plan.top = top_coupons(content.coupons, kTopCoupons);
  plan.pages.push_back({false, true, std::nullopt});
  const std::size_t total = content.coupons.size();
  std::size_t next = 0;
  const double after_summary = kMargin + summary_height(content, plan.top.size());
  const std::size_t fitting = table_rows_fitting(after_summary);
  if (total > 0 && fitting >= std::min(total, kMinRowsAfterSummary)) {
    next = std::min(fitting, total);
    plan.pages.back().table = TablePart{0, next, after_summary, false};
  }
  const std::size_t per_page = table_rows_fitting(kMargin);
  while (next < total) {
    const std::size_t count = std::min(per_page, total - next);
    plan.pages.push_back({false, false, TablePart{next, count, kMargin, next > 0}});
    next += count;
  }
  return plan;
}

void draw_first_page(cairo_t* cr, const ReportContent& content) {
  double y = draw_cover(cr, content) + 18;
  if (content.empty()) {
    y = draw_no_activity(cr, content, y);
    draw_status(cr, content.coupons, y);
    return;
  }
  y = draw_headline(cr, content, y) + 6;
  y = draw_heading(cr, "Daily views, claims and uses", y);
  draw_daily_chart(cr, content.daily, y, std::min(kContentBottom - y - 6, kMaxChartHeight));
}

//! The coupon table, measured once for every page it is on.
struct Table {
  std::vector<CouponRow> rows;
  std::vector<Column> columns;
};

void draw_page(cairo_t* cr, const ReportContent& content, const Plan& plan, const PagePlan& page, const Table& table) {
  if (page.cover) draw_first_page(cr, content);
  if (page.summary) {
    const double y = draw_top_coupons(cr, plan.top, kMargin);
    draw_status(cr, content.coupons, y);
  }
  if (const auto& part = page.table) {
    const std::span<const CouponRow> rows = std::span{table.rows}.subspan(part->first, part->count);
    draw_coupon_table(cr, table.columns, rows, part->continued, part->top);
  }
}

}  // namespace
}  // namespace detail

RenderedPdf render_pdf(const ReportContent& content) {
  using namespace detail;
  const std::string hotel = render::detail::clean_text(content.hotel_name, kMaxNameChars);
  render::PdfDocument document{kPageWidth, kPageHeight};
  document.set_metadata(CAIRO_PDF_METADATA_TITLE, "Coupon report \u2014 " + hotel + " \u2014 " +
                                                      format_date(content.from) + " to " + format_date(content.to));
  document.set_metadata(CAIRO_PDF_METADATA_CREATOR, "Hotel Coupon");
  cairo_t* cr = document.context();
  const Plan plan = plan_pages(content);
  Table table{coupon_rows(content.coupons), {}};
  table.columns = coupon_columns(cr, table.rows);
  const std::string footer = "Hotel Coupon \u00B7 " + hotel + " \u00B7 " + format_range(content.from, content.to);
  const int pages = static_cast<int>(plan.pages.size());
  for (int i = 0; i < pages; ++i) {
    draw_page(cr, content, plan, plan.pages[static_cast<std::size_t>(i)], table);
    draw_footer(cr, footer, i + 1, pages);
    document.end_page();
  }
  return {document.finish(), pages};
}

}  // namespace hc::reports
