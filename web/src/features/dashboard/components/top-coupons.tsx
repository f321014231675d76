import { Link } from "react-router";

import { EmptyState } from "@/components/ui";
import { paths, pathTo } from "@/config/paths";
import { formatNumber, formatRate } from "@/lib/format";

import type { CouponFigures } from "../api/get-stats";
import { topCoupons } from "../utils/top-coupons";

// The coupons that travellers claimed most in the period.

export function TopCoupons({ coupons }: { coupons: readonly CouponFigures[] }) {
  const top = topCoupons(coupons);
  if (top.length === 0) return <EmptyState title="No activity yet">When travellers view and claim your coupons, the busiest appear here.</EmptyState>;
  return (
    <div className="table-wrap">
      <table className="table table-stack">
        <caption className="visually-hidden">Top coupons by claims</caption>
        <thead>
          <tr>
            <th scope="col">Coupon</th>
            <th scope="col" className="number">Views</th>
            <th scope="col" className="number">Claims</th>
            <th scope="col" className="number">Uses</th>
            <th scope="col" className="number">Claim rate</th>
          </tr>
        </thead>
        <tbody>
          {top.map((coupon) => (
            <tr key={coupon.coupon_id}>
              <td data-label="Coupon" className="top-coupon-title">
                <Link to={pathTo(paths.editCoupon, coupon.coupon_id)}>{coupon.title}</Link>
              </td>
              <td data-label="Views" className="number">{formatNumber(coupon.views)}</td>
              <td data-label="Claims" className="number">{formatNumber(coupon.redemptions)}</td>
              <td data-label="Uses" className="number">{formatNumber(coupon.uses)}</td>
              <td data-label="Claim rate" className="number">{formatRate(coupon.redemptions, coupon.views)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
