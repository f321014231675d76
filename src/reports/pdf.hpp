#pragma once
// The PDF report: A4 pages drawn with cairo, text laid out with pango in DejaVu Sans (embedded as subsets).
#include "reports/content.hpp"

#include <string>

namespace hc::reports {

struct RenderedPdf {
  std::string bytes;  // the whole PDF file
  int pages = 0;
};

//! Lays the report out: cover and headline figures, the daily chart, the top coupons and the status of every
//! coupon, then the per-coupon table over as many pages as it needs; a page number and footer on each page.
//! A period without activity gets a "no activity" page instead of empty figures. Throws std::runtime_error if
//! cairo fails.
RenderedPdf render_pdf(const ReportContent& content);

}  // namespace hc::reports
