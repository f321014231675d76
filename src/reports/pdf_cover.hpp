#pragma once
// The first page of the PDF report: the cover band, the headline figures, or the "no activity" panel.
#include "reports/content.hpp"

#include <cairo.h>

namespace hc::reports::detail {

//! Draws the coloured band with the report's title, hotel, period and time zone; returns the y below it.
double draw_cover(cairo_t* cr, const ReportContent& content);

//! Draws "Headline figures": this period against the previous one, with the change; returns the y below it.
double draw_headline(cairo_t* cr, const ReportContent& content, double top);

//! Draws the friendly panel a period without activity gets instead of figures; returns the y below it.
double draw_no_activity(cairo_t* cr, const ReportContent& content, double top);

}  // namespace hc::reports::detail
