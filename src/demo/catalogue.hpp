#pragma once
// The demo catalogue: what the three demo hotels offer, so a newcomer sees a lively list after `make run`.
#include <optional>
#include <string_view>
#include <vector>

namespace hc::demo {

struct DemoCoupon {
  std::string_view hotel_email;  // the hotelier who publishes it
  std::string_view title;
  std::string_view description;
  std::string_view terms;
  int discount_percent;
  std::optional<int> quantity;  // nullopt: unlimited
  int per_user_limit;
  int starts_in_days;  // relative to the day the demo is loaded (negative: already started)
  int lasts_days;
  std::optional<int> stay_nights;  // a stay window of this many nights, starting when the coupon does
  std::string_view status;         // "active", "draft" or "paused"
  std::string_view theme;          // artwork theme (render::kCouponThemes)
};

//! About twenty coupons across the three demo hotels.
const std::vector<DemoCoupon>& demo_catalogue();

}  // namespace hc::demo
