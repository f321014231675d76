#pragma once
// The events that become notifications, built where the change happens and stored with it in the outbox.
#include "coupons/model.hpp"
#include "notifications/model.hpp"
#include "redemptions/model.hpp"

namespace hc::notifications {

//! A coupon became active: every follower of its hotel is told.
OutboxEvent coupon_created(const coupons::Coupon& coupon);

//! A redemption was used at the desk: its traveller is told.
OutboxEvent coupon_used(const redemptions::Redemption& redemption);

//! A hotelier's report finished rendering: its owner is told (the reports module sends it).
OutboxEvent report_ready(const std::string& owner_id, const std::string& report_id, const std::string& from,
                         const std::string& to, const std::string& format);

}  // namespace hc::notifications
