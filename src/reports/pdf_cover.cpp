#include "reports/pdf_cover.hpp"

#include "reports/pdf_format.hpp"
#include "reports/pdf_page.hpp"
#include "render/text_layout.hpp"

#include <algorithm>
#include <array>
#include <string>

namespace hc::reports::detail {
namespace {

using render::detail::clean_text;
using render::detail::kWhite;
using render::detail::mix;

constexpr double kBandHeight = 178;
constexpr double kHeadlineRow = 22;
constexpr double kHeadlineText = 10;

const std::array<Column, 4> kHeadlineColumns{{{"Figure", 180, Align::left},
                                              {"This period", 110, Align::right},
                                              {"Previous period", 110, Align::right},
                                              {"Change", kContentWidth - 400, Align::right}}};

Cell change_cell(const Change& change) {
  switch (change.trend) {
    case Trend::up: return {"\u25B2 " + change.text, kGood, true};
    case Trend::down: return {"\u25BC " + change.text, kBad, true};
    case Trend::flat:
    case Trend::none: break;
  }
  return {change.text, kMuted, false};
}

std::array<Cell, 4> count_row(const char* label, std::int64_t current, std::int64_t previous) {
  return {Cell{label, kInk, true}, Cell{format_count(current)}, Cell{format_count(previous), kMuted},
          change_cell(count_change(current, previous))};
}

std::array<Cell, 4> rate_row(const char* label, std::optional<double> current, std::optional<double> previous) {
  return {Cell{label, kInk, true}, Cell{format_rate(current)}, Cell{format_rate(previous), kMuted},
          change_cell(rate_change(current, previous))};
}

}  // namespace

double draw_cover(cairo_t* cr, const ReportContent& content) {
  const Rgb soft = mix(kBrand, kWhite, 0.78);
  fill_rect(cr, 0, 0, kPageWidth, kBandHeight, kBrand);
  fill_rect(cr, 0, kBandHeight, kPageWidth, 4, mix(kBrand, kWhite, 0.55));
  draw_text(cr, "Coupon performance report", {11, true, soft}, kMargin, 50, kContentWidth);
  draw_text(cr, clean_text(content.hotel_name, kMaxNameChars), {24, true, kWhite}, kMargin, 84, kContentWidth);
  double baseline = 84;
  const std::string city = clean_text(content.hotel_city, kMaxNameChars);
  if (!city.empty()) draw_text(cr, city, {12, false, soft}, kMargin, baseline += 20, kContentWidth);
  draw_text(cr, format_period(content.from, content.to), {12, true, kWhite}, kMargin, baseline += 26,
            kContentWidth);
  const std::string zone = clean_text(content.timezone, kMaxNameChars);
  draw_text(cr, "Time zone: " + zone, {9, false, soft}, kMargin, baseline += 20, kContentWidth);
  draw_text(cr, "Generated " + clean_text(content.generated_at, kMaxNameChars) + " (" + zone + ")",
            {9, false, soft}, kMargin, baseline + 13, kContentWidth);
  return kBandHeight + 4;
}

double draw_headline(cairo_t* cr, const ReportContent& content, double top) {
  double y = draw_heading(cr, "Headline figures", top);
  draw_header_row(cr, kHeadlineColumns, y, 20, 8.5);
  y += 20;
  const auto& now = content.totals;
  const auto& before = content.previous_totals;
  const std::array<std::array<Cell, 4>, 5> rows{
      count_row("Views", now.views, before.views), count_row("Claims", now.claims, before.claims),
      count_row("Uses", now.uses, before.uses), rate_row("Claim rate", claim_rate(now), claim_rate(before)),
      rate_row("Use rate", use_rate(now), use_rate(before))};
  for (const auto& row : rows) {
    draw_row(cr, kHeadlineColumns, row, y, kHeadlineRow, kHeadlineText);
    y += kHeadlineRow;
    draw_rule(cr, kMargin, kPageWidth - kMargin, y - 0.25, 0.5, kGrid);
  }
  draw_text(cr, "Previous period: " + format_range(content.previous_from, content.previous_to), {8.5, false, kMuted},
            kMargin + 5, y + 16, kContentWidth - 10);
  return y + 24;
}

double draw_no_activity(cairo_t* cr, const ReportContent& content, double top) {
  constexpr double kPad = 18;
  const double inner = kContentWidth - 2 * kPad;
  const auto& before = content.previous_totals;
  const bool had_before = has_activity(before);
  const double height = had_before ? 104 : 84;
  render::detail::rounded_rect(cr, kMargin, top, kContentWidth, height, 8);
  render::detail::fill(cr, mix(kBrand, kWhite, 0.9));
  fill_rect(cr, kMargin, top + 12, 4, height - 24, kBrand);
  draw_text(cr, "No activity in this period", {15, true, kBrand}, kMargin + kPad, top + kPad + 14, inner);
  const std::string sentence = "No views, claims or uses were recorded between " + format_date(content.from) +
                               " and " + format_date(content.to) + ".";
  double y = draw_paragraph(cr, sentence, {10}, kMargin + kPad, top + kPad + 26, inner);
  if (had_before) {
    const std::string previous = "Previous period (" + format_range(content.previous_from, content.previous_to) +
                                 "): " + format_count(before.views) + " views, " + format_count(before.claims) +
                                 " claims, " + format_count(before.uses) + " uses.";
    y = draw_paragraph(cr, previous, {9, false, kMuted}, kMargin + kPad, y + 6, inner);
  }
  return std::max(top + height, y + kPad) + 14;
}

}  // namespace hc::reports::detail
