#include "reports/pdf_summary.hpp"

#include "reports/pdf_format.hpp"
#include "render/text_layout.hpp"

#include <algorithm>
#include <string>

namespace hc::reports::detail {
namespace {

using render::detail::clean_text;
using render::detail::hex;

constexpr std::size_t kMaxTitleChars = 200;
constexpr double kTopRow = 18;
constexpr double kTopHeader = 18;
constexpr double kSectionGap = 20;
constexpr double kBarColumn = 136;

const std::array<Column, 6> kTopColumns{{{"#", 24, Align::right},
                                         {"Coupon", 190, Align::left},
                                         {"", kBarColumn, Align::left},
                                         {"Claims", 48, Align::right},
                                         {"Views", 52, Align::right},
                                         {"Claim rate", kContentWidth - 24 - 190 - kBarColumn - 48 - 52,
                                          Align::right}}};

constexpr std::array<Rgb, kStatuses.size()> kStatusColours{hex(0x0F766E), hex(0xD97706), hex(0x94A3B8),
                                                           hex(0xBE123C), hex(0x475569)};

bool ranks_before(const CouponLine* a, const CouponLine* b) {
  if (a->counts.claims != b->counts.claims) return a->counts.claims > b->counts.claims;
  if (a->counts.views != b->counts.views) return a->counts.views > b->counts.views;
  return a->title < b->title;
}

void draw_claims_bar(cairo_t* cr, double x, double top, std::int64_t claims, std::int64_t most) {
  if (claims <= 0 || most <= 0) return;
  const double full = kBarColumn - 10;
  const double width = std::max(full * static_cast<double>(claims) / static_cast<double>(most), 2.0);
  render::detail::rounded_rect(cr, x + 5, top + kTopRow / 2 - 4, width, 8, 2);
  render::detail::fill(cr, kClaims);
}

double draw_status_legend(cairo_t* cr, const std::array<std::int64_t, kStatuses.size()>& counts, double top) {
  const double item = kContentWidth / static_cast<double>(kStatuses.size());
  for (std::size_t i = 0; i < kStatuses.size(); ++i) {
    const double x = kMargin + item * static_cast<double>(i);
    render::detail::rounded_rect(cr, x, top + 2, 9, 9, 2);
    render::detail::fill(cr, kStatusColours[i]);
    draw_text(cr, status_label(kStatuses[i]) + "  " + format_count(counts[i]), {9}, x + 14, top + 10.5, item - 18);
  }
  return top + 16;
}

}  // namespace

std::string coupon_title(const CouponLine& coupon) {
  const std::string title = clean_text(coupon.title, kMaxTitleChars);
  return title.find_first_not_of(' ') == std::string::npos ? "Untitled coupon" : title;
}

std::string status_label(std::string_view status) {
  std::string label{status};
  if (!label.empty() && label[0] >= 'a' && label[0] <= 'z') label[0] = static_cast<char>(label[0] - 'a' + 'A');
  return label;
}

Rgb status_colour(std::string_view status) {
  const auto* it = std::find(kStatuses.begin(), kStatuses.end(), status);
  return it == kStatuses.end() ? kMuted : kStatusColours[static_cast<std::size_t>(it - kStatuses.begin())];
}

std::array<std::int64_t, kStatuses.size()> status_counts(std::span<const CouponLine> coupons) {
  std::array<std::int64_t, kStatuses.size()> counts{};
  for (const CouponLine& coupon : coupons) {
    const auto* it = std::find(kStatuses.begin(), kStatuses.end(), coupon.status);
    if (it != kStatuses.end()) ++counts[static_cast<std::size_t>(it - kStatuses.begin())];
  }
  return counts;
}

std::vector<const CouponLine*> top_coupons(std::span<const CouponLine> coupons, std::size_t limit) {
  std::vector<const CouponLine*> active;
  for (const CouponLine& coupon : coupons) {
    if (coupon.counts.claims > 0 || coupon.counts.views > 0) active.push_back(&coupon);
  }
  const std::size_t kept = std::min(limit, active.size());
  std::partial_sort(active.begin(), active.begin() + static_cast<std::ptrdiff_t>(kept), active.end(), ranks_before);
  active.resize(kept);
  return active;
}

double top_coupons_height(std::size_t rows) {
  return kHeadingHeight + (rows == 0 ? 20 : kTopHeader + kTopRow * static_cast<double>(rows)) + kSectionGap;
}

double draw_top_coupons(cairo_t* cr, std::span<const CouponLine* const> top_list, double top) {
  double y = draw_heading(cr, "Top coupons", top, "by claims in this period");
  if (top_list.empty()) {
    draw_text(cr, "No coupon was viewed or claimed in this period.", {9.5, false, kMuted}, kMargin, y + 12,
              kContentWidth);
    return top + top_coupons_height(0);
  }
  draw_header_row(cr, kTopColumns, y, kTopHeader, 8);
  y += kTopHeader;
  const std::int64_t most = top_list.front()->counts.claims;
  for (std::size_t i = 0; i < top_list.size(); ++i) {
    const CouponLine& coupon = *top_list[i];
    const std::array<Cell, 6> cells{Cell{std::to_string(i + 1), kMuted},
                                    Cell{coupon_title(coupon)},
                                    Cell{},
                                    Cell{format_count(coupon.counts.claims), kInk, true},
                                    Cell{format_count(coupon.counts.views)},
                                    Cell{format_rate(claim_rate(coupon.counts))}};
    draw_row(cr, kTopColumns, cells, y, kTopRow, 9);
    draw_claims_bar(cr, kMargin + kTopColumns[0].width + kTopColumns[1].width, y, coupon.counts.claims, most);
    y += kTopRow;
    draw_rule(cr, kMargin, kPageWidth - kMargin, y - 0.25, 0.5, kGrid);
  }
  return top + top_coupons_height(top_list.size());
}

double status_height(bool has_coupons) { return kHeadingHeight + (has_coupons ? 40 : 20) + kSectionGap; }

double draw_status(cairo_t* cr, std::span<const CouponLine> coupons, double top) {
  const std::string total = format_count(static_cast<std::int64_t>(coupons.size()));
  double y = draw_heading(cr, "Status of all coupons", top,
                          "Total: " + total + (coupons.size() == 1 ? " coupon" : " coupons"));
  if (coupons.empty()) {
    draw_text(cr, "This hotel has no coupons yet.", {9.5, false, kMuted}, kMargin, y + 12, kContentWidth);
    return top + status_height(false);
  }
  const auto counts = status_counts(coupons);
  double x = kMargin;
  render::detail::rounded_rect(cr, kMargin, y + 2, kContentWidth, 14, 3);
  cairo_save(cr);
  cairo_clip(cr);  // the segments share the bar's rounded ends
  fill_rect(cr, kMargin, y + 2, kContentWidth, 14, kGrid);
  for (std::size_t i = 0; i < counts.size(); ++i) {
    const double width = kContentWidth * static_cast<double>(counts[i]) / static_cast<double>(coupons.size());
    fill_rect(cr, x, y + 2, width, 14, kStatusColours[i]);
    x += width;
  }
  cairo_restore(cr);
  draw_status_legend(cr, counts, y + 24);
  return top + status_height(true);
}

}  // namespace hc::reports::detail
