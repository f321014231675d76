#pragma once
// Coupons the coupon contract suites store through the repository itself (so that each engine writes its own
// search words), and reading ids out of results.
#include "coupons/model.hpp"
#include "core/time.hpp"
#include "core/timezone.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace hc::test {

//! A time of the tests, from RFC 3339 text.
inline SysSeconds at(std::string_view rfc3339) { return *parse_rfc3339(rfc3339); }

//! An active coupon of the hotel, 20% off, unlimited, valid from 2026-01-01 through 2030-12-31.
inline coupons::Coupon sample_coupon(std::string id, const coupons::HotelRef& hotel, std::string title,
                                     std::string description = "") {
  coupons::Coupon c;
  c.id = std::move(id);
  c.hotel = hotel;
  c.title = std::move(title);
  c.description = std::move(description);
  c.terms = "Not with other offers";
  c.discount_percent = 20;
  c.valid_from = at("2026-01-01T00:00:00Z");
  c.valid_until = at("2030-12-31T23:59:59Z");
  c.valid_from_date = *parse_iso_date("2026-01-01");
  c.valid_until_date = *parse_iso_date("2030-12-31");
  c.status = coupons::CouponStatus::active;
  c.created_at = at("2026-01-01T00:00:00Z");
  c.updated_at = c.created_at;
  return c;
}

//! The ids of coupons, in order.
template <class Items, class Id>
std::vector<std::string> ids_of(const Items& items, Id id) {
  std::vector<std::string> ids;
  for (const auto& item : items) ids.push_back(id(item));
  return ids;
}

inline std::vector<std::string> ids_of(const std::vector<coupons::Coupon>& items) {
  return ids_of(items, [](const coupons::Coupon& c) { return c.id; });
}

}  // namespace hc::test
