import { useEffect, useRef } from "react";

import { useSendInteraction } from "@/lib/live";

/**
 * Counts one view of the coupon for the hotel's statistics, once per coupon per visit. The ref survives React
 * StrictMode's second run of effects, so development does not count double.
 */
export function useViewOnce(couponId: string | undefined): void {
  const send = useSendInteraction();
  const sentFor = useRef<string | null>(null);
  useEffect(() => {
    if (couponId === undefined || sentFor.current === couponId) return;
    sentFor.current = couponId;
    send(couponId, "view");
  }, [couponId, send]);
}
