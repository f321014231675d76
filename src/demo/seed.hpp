#pragma once
// The demo data set: the accounts of the system we replace, with their hotels.
#include "auth/repository.hpp"
#include "auth/service.hpp"

#include <string_view>
#include <vector>

namespace hc::demo {

//! The password of every demo account (printed by `make run`; demo data only).
inline constexpr std::string_view kDemoPassword = "hotelcoupon-demo";

//! The demo accounts, travellers first.
const std::vector<auth::Registration>& demo_accounts();

//! Creates the demo accounts when there are no accounts at all; returns how many it created.
int seed_demo(auth::AuthService& service, auth::AccountRepository& accounts);

}  // namespace hc::demo
