import { Link } from "react-router";

import { Discount } from "@/components/coupon-card";
import { QrImage } from "@/components/qr-image";
import { paths, pathTo } from "@/config/paths";
import { stayLabel } from "@/lib/coupon-text";
import { formatDate, groupCode } from "@/lib/format";
import type { Redemption } from "@/types/api";

import { CancelClaim } from "./cancel-claim";

import "./wallet.css";

// A claim ready to use: its QR and code, the button that fills the screen for the desk, and "Cancel claim".

interface ReadyItemProps {
  redemption: Redemption;
  onShow: (id: string) => void;
  onCancelled: (redemption: Redemption) => void;
}

export function ReadyItem({ redemption, onShow, onCancelled }: ReadyItemProps) {
  const { coupon } = redemption;
  const stay = stayLabel(coupon.stay_from, coupon.stay_until);
  return (
    <li className="panel wallet-ticket">
      <div className="wallet-ticket-qr">
        <QrImage redemptionId={redemption.id} size={116} className="wallet-qr" />
      </div>
      <div className="wallet-ticket-body">
        <div className="wallet-ticket-head">
          <h3 className="wallet-title">
            <Link to={pathTo(paths.coupon, coupon.id)}>{coupon.title}</Link>
          </h3>
          <Discount percent={coupon.discount_percent} className="wallet-discount" />
        </div>
        <p className="wallet-hotel">
          <Link to={pathTo(paths.hotel, coupon.hotel.id)}>{coupon.hotel.name}</Link>
          <span className="muted"> · {coupon.hotel.city}</span>
        </p>
        <p className="wallet-code">
          {groupCode(redemption.code)}
        </p>
        <p className="muted small wallet-meta">
          Claimed {formatDate(redemption.redeemed_at, coupon.hotel.timezone)}
          {stay !== null && ` · ${stay}`}
        </p>
      </div>
      <div className="wallet-actions wallet-ticket-actions">
        <button type="button" className="button button-primary button-small" onClick={() => onShow(redemption.id)}>
          Show at the desk
        </button>
        <CancelClaim redemptionId={redemption.id} onCancelled={onCancelled} />
      </div>
    </li>
  );
}
