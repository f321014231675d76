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

}  // namespace hc::notifications
