import { Link } from "react-router";

import { StatusBadge } from "@/components/ui";
import { paths, pathTo } from "@/config/paths";
import { formatDateTime, groupCode } from "@/lib/format";
import type { Redemption } from "@/types/api";

import "./wallet.css";

// A claim that is over: used at the desk, or cancelled, and when (in the hotel's time).

export function PastItem({ redemption }: { redemption: Redemption }) {
  const { coupon } = redemption;
  const at = redemption.status === "used" ? redemption.used_at : redemption.cancelled_at;
  return (
    <li className="wallet-row">
      <div className="wallet-row-main">
        <h3 className="wallet-row-title">
          <Link to={pathTo(paths.coupon, coupon.id)}>{coupon.title}</Link>
        </h3>
        <p className="muted small wallet-row-hotel">
          {coupon.hotel.name} · {coupon.hotel.city} · <span className="wallet-row-code">{groupCode(redemption.code)}</span>
        </p>
      </div>
      <div className="wallet-row-when">
        <StatusBadge status={redemption.status} />
        {at !== null && (
          <time className="small" dateTime={at}>
            {formatDateTime(at, coupon.hotel.timezone)}
          </time>
        )}
      </div>
    </li>
  );
}
