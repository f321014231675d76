#include "redemptions/claim_rules.hpp"

namespace hc::redemptions {

std::optional<Errc> claim_refusal(const ClaimableCoupon& coupon, SysSeconds now) {
  if (coupon.status == "draft" || coupon.status == "archived") return Errc::not_found;
  if (coupon.status != "active") return Errc::not_active;
  if (now > coupon.valid_until) return Errc::expired;
  if (now < coupon.valid_from) return Errc::not_started;
  if (coupon.sold_out) return Errc::sold_out;
  if (coupon.at_user_limit) return Errc::already_redeemed;
  return std::nullopt;
}

}  // namespace hc::redemptions
