import type { CouponFigures } from "../api/get-stats";

const SHOWN = 8;

/** The busiest coupons: most claims first, then most views; coupons nobody looked at are left out. */
export function topCoupons(coupons: readonly CouponFigures[], count = SHOWN): CouponFigures[] {
  return coupons
    .filter((coupon) => coupon.views > 0 || coupon.redemptions > 0 || coupon.uses > 0)
    .sort((a, b) => b.redemptions - a.redemptions || b.views - a.views || b.uses - a.uses || a.title.localeCompare(b.title))
    .slice(0, count);
}
