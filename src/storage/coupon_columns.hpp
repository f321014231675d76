#pragma once
// The columns a coupon with its hotel is read from, in the order both backends' read_coupon expect.
#include <string_view>

namespace hc::storage {

//! The columns read_coupon expects, from `coupons c JOIN hotels h`.
inline constexpr std::string_view kCouponColumns = R"sql(
  c.id, c.hotel_id, h.name, h.city, h.timezone, c.title, c.description, c.terms, c.discount_percent, c.quantity,
  c.redeemed_count, c.per_user_limit, c.valid_from, c.valid_until, c.valid_from_date, c.valid_until_date,
  c.stay_from, c.stay_until, c.status, c.image_key, c.created_at, c.updated_at
)sql";

//! How many columns kCouponColumns has.
inline constexpr int kCouponColumnCount = 22;

}  // namespace hc::storage
