#pragma once
// The daily chart of the PDF report: views as bars on the left axis, claims and uses as lines on the right one.
#include "interactions/model.hpp"

#include <cairo.h>

#include <cstddef>
#include <cstdint>
#include <span>
#include <string>
#include <vector>

namespace hc::reports::detail {

//! An axis from 0 to step × ticks, labelled at every step.
struct Axis {
  std::int64_t step = 1;
  int ticks = 1;
  [[nodiscard]] std::int64_t top() const { return step * ticks; }
};

//! About `target` round steps (1, 2, 2.5, 5 × 10ⁿ, whole numbers) that reach `max_value`.
Axis nice_axis(std::int64_t max_value, int target);

//! Exactly `ticks` round steps that reach `max_value`, so a second axis shares the first one's gridlines.
Axis axis_with_ticks(std::int64_t max_value, int ticks);

//! A label under the x axis: the day's index and its text.
struct DayLabel {
  std::size_t index = 0;
  std::string text;
};

//! The days worth a label: every few days for short periods, the first of each month for long ones.
std::vector<DayLabel> day_labels(std::span<const interactions::DailyCounts> daily);

//! Draws the chart with its legend from `top`, `height` high, across the page's content width.
void draw_daily_chart(cairo_t* cr, std::span<const interactions::DailyCounts> daily, double top, double height);

}  // namespace hc::reports::detail
