#include "reports/pdf_chart.hpp"

#include "reports/pdf_format.hpp"
#include "reports/pdf_page.hpp"

#include <algorithm>
#include <array>
#include <cmath>

namespace hc::reports::detail {
namespace {

using interactions::DailyCounts;
using render::detail::set_colour;

constexpr double kAxisGutter = 40;  // room for the widest tick label on either side
constexpr int kTargetTicks = 4;
constexpr int kMaxDayLabels = 8;
constexpr std::size_t kMarkersUpTo = 45;  // beyond this many days, dots would merge into the line
constexpr TextStyle kTickStyle{7, false, kMuted};

// Where the plot sits on the page and how values map onto it.
struct Plot {
  double left, right, top, bottom;
  std::size_t days;
  [[nodiscard]] double slot() const { return (right - left) / static_cast<double>(days); }
  [[nodiscard]] double x(std::size_t index) const { return left + slot() * (static_cast<double>(index) + 0.5); }
  [[nodiscard]] double y(std::int64_t value, const Axis& axis) const {
    return bottom - (bottom - top) * static_cast<double>(value) / static_cast<double>(axis.top());
  }
};

std::int64_t nice_step(double raw) {
  if (raw <= 1) return 1;
  const double magnitude = std::pow(10.0, std::floor(std::log10(raw)));
  for (const double m : {1.0, 2.0, 2.5, 5.0, 10.0}) {
    const double step = m * magnitude;
    if (step >= raw && std::fmod(step, 1.0) == 0.0) return static_cast<std::int64_t>(step);
  }
  return static_cast<std::int64_t>(10 * magnitude);
}

template <typename Value>
std::int64_t max_of(std::span<const DailyCounts> daily, Value value) {
  std::int64_t top = 0;
  for (const DailyCounts& day : daily) top = std::max(top, value(day.counts));
  return top;
}

void draw_grid(cairo_t* cr, const Plot& plot, const Axis& left, const Axis& right) {
  for (int i = 0; i <= left.ticks; ++i) {
    const double y = plot.y(left.step * i, left);
    draw_rule(cr, plot.left, plot.right, y, i == 0 ? 0.8 : 0.5, i == 0 ? kMuted : kGrid);
    const double baseline = y + 2.5;
    draw_text(cr, format_count(left.step * i), kTickStyle, kMargin, baseline, plot.left - 6 - kMargin, Align::right);
    draw_text(cr, format_count(right.step * i), kTickStyle, plot.right + 6, baseline,
              kPageWidth - kMargin - plot.right - 6);
  }
}

void draw_bars(cairo_t* cr, std::span<const DailyCounts> daily, const Plot& plot, const Axis& axis) {
  const double width = std::min(plot.slot() * (daily.size() > 60 ? 0.85 : 0.7), 28.0);
  for (std::size_t i = 0; i < daily.size(); ++i) {
    const double y = plot.y(daily[i].counts.views, axis);
    if (plot.bottom - y > 0) fill_rect(cr, plot.x(i) - width / 2, y, width, plot.bottom - y, kViews);
  }
}

template <typename Value>
void draw_series(cairo_t* cr, std::span<const DailyCounts> daily, const Plot& plot, const Axis& axis, Value value,
                 Rgb colour) {
  for (std::size_t i = 0; i < daily.size() && daily.size() > 1; ++i) {
    cairo_line_to(cr, plot.x(i), plot.y(value(daily[i].counts), axis));
  }
  cairo_set_line_join(cr, CAIRO_LINE_JOIN_ROUND);
  render::detail::stroke(cr, daily.size() > 90 ? 1.0 : 1.6, colour);  // a year of days needs a finer pen
  if (daily.size() > kMarkersUpTo) return;
  for (std::size_t i = 0; i < daily.size(); ++i) {
    render::detail::fill_circle(cr, plot.x(i), plot.y(value(daily[i].counts), axis), 2.2, colour);
  }
}

void draw_day_labels(cairo_t* cr, std::span<const DailyCounts> daily, const Plot& plot) {
  double free_from = kMargin;  // labels that would touch the previous one are left out
  for (const DayLabel& label : day_labels(daily)) {
    const double centre = plot.x(label.index);
    const double width = text_width(cr, label.text, kTickStyle);
    const double left = std::clamp(centre - width / 2, kMargin, kPageWidth - kMargin - width);
    if (left < free_from) continue;
    cairo_move_to(cr, centre, plot.bottom);
    cairo_line_to(cr, centre, plot.bottom + 3);
    render::detail::stroke(cr, 0.6, kMuted);
    draw_text(cr, label.text, kTickStyle, left, plot.bottom + 12, width + 1);
    free_from = left + width + 8;
  }
}

double draw_legend_item(cairo_t* cr, double x, double baseline, const std::string& text, Rgb colour, bool bar) {
  if (bar) {
    fill_rect(cr, x, baseline - 7, 10, 8, colour);
  } else {
    draw_rule(cr, x - 1, x + 11, baseline - 3, 1.8, colour);
    render::detail::fill_circle(cr, x + 5, baseline - 3, 2.2, colour);
  }
  const TextStyle style{8, false, kInk};
  draw_text(cr, text, style, x + 15, baseline, text_width(cr, text, style) + 1);
  return x + 15 + text_width(cr, text, style) + 16;
}

void draw_legend(cairo_t* cr, double baseline) {
  double x = kMargin;
  x = draw_legend_item(cr, x, baseline, "Views (left axis)", kViews, true);
  x = draw_legend_item(cr, x, baseline, "Claims (right axis)", kClaims, false);
  draw_legend_item(cr, x, baseline, "Uses (right axis)", kUses, false);
}

}  // namespace

Axis nice_axis(std::int64_t max_value, int target) {
  const std::int64_t step = nice_step(static_cast<double>(max_value) / target);
  const auto ticks = static_cast<int>((max_value + step - 1) / step);
  return {step, std::max(ticks, 1)};
}

Axis axis_with_ticks(std::int64_t max_value, int ticks) {
  return {nice_step(static_cast<double>(max_value) / ticks), ticks};
}

std::vector<DayLabel> day_labels(std::span<const DailyCounts> daily) {
  std::vector<DayLabel> labels;
  constexpr std::size_t kMonthlyFrom = 120;
  if (daily.size() > kMonthlyFrom) {
    for (std::size_t i = 0; i < daily.size(); ++i) {
      if (daily[i].day.day() == std::chrono::day{1}) labels.push_back({i, format_month(daily[i].day)});
    }
    return labels;
  }
  std::size_t step = 1;
  constexpr std::array<std::size_t, 9> kSteps{1, 2, 3, 5, 7, 14, 21, 28, 30};
  for (const std::size_t candidate : kSteps) {
    step = candidate;
    if ((daily.size() + step - 1) / step <= kMaxDayLabels) break;
  }
  for (std::size_t i = 0; i < daily.size(); i += step) labels.push_back({i, format_day_month(daily[i].day)});
  return labels;
}

void draw_daily_chart(cairo_t* cr, std::span<const DailyCounts> daily, double top, double height) {
  draw_legend(cr, top + 9);
  if (daily.empty()) return;
  const Plot plot{kMargin + kAxisGutter, kPageWidth - kMargin - kAxisGutter, top + 34, top + height - 18,
                  daily.size()};
  const auto views = [](const interactions::Counts& c) { return c.views; };
  const auto claims = [](const interactions::Counts& c) { return c.claims; };
  const auto uses = [](const interactions::Counts& c) { return c.uses; };
  const Axis left = nice_axis(max_of(daily, views), kTargetTicks);
  const Axis right = axis_with_ticks(std::max(max_of(daily, claims), max_of(daily, uses)), left.ticks);
  draw_text(cr, "Views", {7, true, kMuted}, kMargin, top + 26, kAxisGutter - 6, Align::right);
  draw_text(cr, "Claims, uses", {7, true, kMuted}, plot.right - 40, top + 26, kPageWidth - kMargin - plot.right + 40,
            Align::right);
  draw_grid(cr, plot, left, right);
  draw_bars(cr, daily, plot, left);
  draw_series(cr, daily, plot, right, claims, kClaims);
  draw_series(cr, daily, plot, right, uses, kUses);
  draw_day_labels(cr, daily, plot);
}

}  // namespace hc::reports::detail
