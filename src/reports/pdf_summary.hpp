#pragma once
// The summary sections of the PDF report: the most claimed coupons and the status of every coupon.
#include "reports/content.hpp"
#include "reports/pdf_page.hpp"

#include <cairo.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <span>
#include <string_view>
#include <vector>

namespace hc::reports::detail {

//! The statuses a hotelier sees, in the order the report lists them.
inline constexpr std::array<std::string_view, 5> kStatuses{"active", "paused", "draft", "expired", "archived"};

//! The coupon's title made safe to lay out, or "Untitled coupon" if nothing of it is left.
std::string coupon_title(const CouponLine& coupon);

//! "Active" for "active"; any other status as given.
std::string status_label(std::string_view status);

//! The colour that stands for a status wherever the report shows it.
Rgb status_colour(std::string_view status);

//! How many coupons have each status of kStatuses, in that order.
std::array<std::int64_t, kStatuses.size()> status_counts(std::span<const CouponLine> coupons);

//! The coupons viewed or claimed in the period, most claims first (then more views, then title), at most `limit`.
std::vector<const CouponLine*> top_coupons(std::span<const CouponLine> coupons, std::size_t limit);

//! Height of the "Top coupons" section with `rows` coupons, so pages can be planned before they are drawn.
double top_coupons_height(std::size_t rows);

//! Draws "Top coupons" from `top` with a bar per coupon proportional to its claims; returns the y below it.
double draw_top_coupons(cairo_t* cr, std::span<const CouponLine* const> top_list, double top);

//! Height of the "Status of all coupons" section.
double status_height(bool has_coupons);

//! Draws "Status of all coupons" from `top`: a stacked bar and a legend with counts; returns the y below it.
double draw_status(cairo_t* cr, std::span<const CouponLine> coupons, double top);

}  // namespace hc::reports::detail
