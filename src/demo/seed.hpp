#pragma once
// The demo data set: the accounts of the system we replace, their hotels with logos, and a catalogue of
// coupons with artwork, all created through the same services the API uses.
#include "auth/repository.hpp"
#include "auth/service.hpp"
#include "coupons/service.hpp"
#include "hotels/service.hpp"
#include "redemptions/service.hpp"

#include <string_view>
#include <vector>

namespace hc::demo {

//! The password of every demo account (printed by `make run`; demo data only).
inline constexpr std::string_view kDemoPassword = "hotelcoupon-demo";

struct DemoServices {
  auth::AuthService& auth;
  auth::AccountRepository& accounts;
  coupons::CouponService& coupons;
  hotels::HotelService& hotels;
  redemptions::RedemptionService& redemptions;
};

struct SeedResult {
  int accounts = 0;
  int coupons = 0;
  int claims = 0;
};

//! The demo accounts, travellers first.
const std::vector<auth::Registration>& demo_accounts();

//! Loads the demo data when there are no accounts at all; returns what it created (nothing otherwise).
SeedResult seed_demo(const DemoServices& services);

}  // namespace hc::demo
