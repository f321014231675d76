import { useEffect, useId, useRef, useState } from "react";
import { Link } from "react-router";

import { QrImage } from "@/components/qr-image";
import { paths } from "@/config/paths";
import { formatDateTime, groupCode } from "@/lib/format";
import { useNotifications } from "@/lib/live";
import type { Redemption } from "@/types/api";

import "./coupon.css";

// The code and QR of a coupon just claimed, shown in place of the claim button. Keyboard and screen-reader focus
// moves here, and if the desk uses the code while it is on screen, it says so.

export function ClaimedCode({ redemption }: { redemption: Redemption }) {
  const titleId = useId();
  const heading = useRef<HTMLHeadingElement>(null);
  const [usedAt, setUsedAt] = useState<string | null>(redemption.used_at);
  const [copied, setCopied] = useState(false);
  const hotel = redemption.coupon.hotel;

  useEffect(() => {
    heading.current?.focus();
  }, []);

  useNotifications((notification) => {
    if (notification.kind === "coupon.used" && notification.data.redemption_id === redemption.id) {
      setUsedAt(notification.created_at);
    }
  });

  const code = groupCode(redemption.code);
  return (
    <section className={`panel coupon-claimed ${usedAt !== null ? "coupon-claimed-used" : ""}`} aria-labelledby={titleId}>
      <h2 id={titleId} ref={heading} tabIndex={-1}>
        {usedAt !== null ? "Used ✓" : "Coupon claimed"}
      </h2>
      <p className="coupon-claimed-lead" role="status">
        {usedAt !== null
          ? `${hotel.name} used this code on ${formatDateTime(usedAt, hotel.timezone)}. Enjoy your stay!`
          : `Show this code or the QR at the front desk of ${hotel.name}.`}
      </p>
      <div className="coupon-claimed-body">
        <QrImage redemptionId={redemption.id} size={184} className="coupon-claimed-qr" />
        <div className="coupon-claimed-code-box">
          <p className="muted small coupon-claimed-label">Your code</p>
          <p className="coupon-code" data-testid="claimed-code">
            {code}
          </p>
          {"clipboard" in navigator && (
            <button
              type="button"
              className="button button-ghost button-small"
              onClick={() => {
                navigator.clipboard.writeText(code).then(
                  () => setCopied(true),
                  () => setCopied(false),
                );
              }}
            >
              {copied ? "Copied ✓" : "Copy code"}
            </button>
          )}
        </div>
      </div>
      <Link to={paths.wallet} className="button button-secondary button-block">
        Open in My coupons
      </Link>
    </section>
  );
}
