import { StatusBadge } from "@/components/ui";
import { formatDate, formatNumber } from "@/lib/format";

import type { CouponWithStats } from "../api/get-own-coupons";
import { RowActions } from "./row-actions";

// Every coupon of the hotel with its figures; on a phone each row becomes a card (table-stack).

function Remaining({ coupon }: { coupon: CouponWithStats }) {
  // One element per cell: a stacked row on a phone lays the cell's children out side by side.
  if (coupon.quantity === null || coupon.remaining === null) return <span>Unlimited</span>;
  if (coupon.remaining === 0) return <span className="sold-out">Sold out ({formatNumber(coupon.quantity)})</span>;
  return (
    <span>
      {formatNumber(coupon.remaining)} <span className="muted">of {formatNumber(coupon.quantity)}</span>
    </span>
  );
}

export function CouponsTable({ coupons }: { coupons: readonly CouponWithStats[] }) {
  return (
    <div className="table-wrap">
      <table className="table table-stack coupons-table">
        <caption className="visually-hidden">Your coupons</caption>
        <thead>
          <tr>
            <th scope="col">Coupon</th>
            <th scope="col">Status</th>
            <th scope="col" className="number">Discount</th>
            <th scope="col" className="number">Left</th>
            <th scope="col">Valid until</th>
            <th scope="col" className="number">Views</th>
            <th scope="col" className="number">Claims</th>
            <th scope="col" className="number">Uses</th>
            <th scope="col">
              <span className="visually-hidden">Actions</span>
            </th>
          </tr>
        </thead>
        <tbody>
          {coupons.map((coupon) => {
            const titleId = `coupon-title-${coupon.id}`;
            return (
              <tr key={coupon.id}>
                <th scope="row" data-label="Coupon" className="coupon-title-cell">
                  <span id={titleId}>{coupon.title}</span>
                </th>
                <td data-label="Status">
                  <StatusBadge status={coupon.status} />
                </td>
                <td data-label="Discount" className="number">
                  {coupon.discount_percent}%
                </td>
                <td data-label="Left" className="number">
                  <Remaining coupon={coupon} />
                </td>
                <td data-label="Valid until">{formatDate(coupon.valid_until, coupon.hotel.timezone)}</td>
                <td data-label="Views" className="number">
                  {formatNumber(coupon.stats.views)}
                </td>
                <td data-label="Claims" className="number">
                  {formatNumber(coupon.stats.redemptions)}
                </td>
                <td data-label="Uses" className="number">
                  {formatNumber(coupon.stats.uses)}
                </td>
                <td className="actions-cell">
                  <RowActions coupon={coupon} titleId={titleId} />
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </div>
  );
}
