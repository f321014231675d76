#pragma once
// Whether a coupon can be claimed now, and if not, what the traveller is told: one rule for every storage engine.
#include "core/error.hpp"
#include "core/time.hpp"

#include <optional>
#include <string_view>

namespace hc::redemptions {

//! What of a coupon decides whether it can be claimed.
struct ClaimableCoupon {
  std::string_view status;  // as stored: draft, active, paused or archived
  SysSeconds valid_from{};
  SysSeconds valid_until{};  // the last second it can be claimed
  bool sold_out = false;
  bool at_user_limit = false;  // the traveller already holds as many live claims of it as it allows
};

//! Why the coupon cannot be claimed at `now`, in the order a traveller is told (a coupon they cannot see is
//! not_found; then not_active, expired, not_started, sold_out, already_redeemed), or nullopt when it can.
std::optional<Errc> claim_refusal(const ClaimableCoupon& coupon, SysSeconds now);

}  // namespace hc::redemptions
