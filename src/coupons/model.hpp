#pragma once
// Coupons: what a hotel offers, for how long, how many, and to whom.
#include "core/time.hpp"
#include "core/timezone.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hc::coupons {

//! The stored lifecycle; "expired" is derived from valid_until and never stored.
enum class CouponStatus { draft, active, paused, archived };

std::string_view to_string(CouponStatus status);
std::optional<CouponStatus> parse_status(std::string_view text);

//! The hotel a coupon belongs to, as shown with it.
struct HotelRef {
  std::string id;
  std::string name;
  std::string city;
  std::string timezone;
};

struct Coupon {
  std::string id;
  HotelRef hotel;
  std::string title;
  std::string description;
  std::string terms;
  int discount_percent = 0;
  std::optional<std::int64_t> quantity;  // nullopt: unlimited
  std::int64_t redeemed_count = 0;
  int per_user_limit = 1;
  SysSeconds valid_from{};
  SysSeconds valid_until{};  // the last second it can be claimed
  LocalDate valid_from_date{};   // the same two instants as hotel-local days, for the valid_on filter
  LocalDate valid_until_date{};
  std::optional<LocalDate> stay_from;
  std::optional<LocalDate> stay_until;
  CouponStatus status = CouponStatus::draft;
  std::string image_key;  // object-store key; empty when there is no image
  SysSeconds created_at{};
  SysSeconds updated_at{};
};

struct CouponStats {
  std::int64_t views = 0;
  std::int64_t redemptions = 0;
  std::int64_t uses = 0;
};

}  // namespace hc::coupons
