import { useState } from "react";

import { ErrorBanner } from "@/components/ui";
import { availability } from "@/lib/coupon-text";
import { formatDate } from "@/lib/format";
import { RetryKey } from "@/lib/idempotency";
import type { Coupon } from "@/types/api";

import { useRedeemCoupon } from "../api/redeem-coupon";
import { ClaimedCode } from "./claimed-code";

import "./coupon.css";

// "Claim coupon", then the code. The button stays enabled whatever this copy of the coupon says: the server has
// the last word (a cancelled claim puts a unit back), and its answer is explained in words.

function hint(coupon: Coupon): string {
  switch (availability(coupon)) {
    case "sold_out":
      return "Sold out for now. Cancelled claims come back, so it may be worth trying later.";
    case "not_started":
      return `You can claim this coupon from ${formatDate(coupon.valid_from, coupon.hotel.timezone)}.`;
    case "ended":
      return "This offer has ended.";
    case "open":
      return coupon.per_user_limit > 1
        ? `Free to claim, up to ${coupon.per_user_limit} per guest. You can cancel until it is used.`
        : "Free to claim. You can cancel until it is used.";
  }
}

export function ClaimBox({ coupon }: { coupon: Coupon }) {
  const redeem = useRedeemCoupon(coupon.id);
  const [attempt] = useState(() => new RetryKey());
  if (redeem.data !== undefined) return <ClaimedCode redemption={redeem.data} />;

  return (
    <div className="coupon-claim">
      {redeem.isError && <ErrorBanner error={redeem.error} />}
      {/* Not disabled while claiming (that would drop the focus); a second press is ignored instead. */}
      <button
        type="button"
        className="button button-primary button-large button-block"
        aria-busy={redeem.isPending || undefined}
        onClick={() => {
          if (!redeem.isPending) redeem.mutate(attempt.current, { onSettled: (_data, error) => attempt.settle(error) });
        }}
      >
        {redeem.isPending && <span className="spinner spinner-inline" aria-hidden="true" />}
        Claim coupon
      </button>
      <p className="muted small coupon-claim-hint">{hint(coupon)}</p>
    </div>
  );
}
