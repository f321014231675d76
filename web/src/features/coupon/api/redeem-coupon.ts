import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { IDEMPOTENCY_HEADER } from "@/lib/idempotency";
import type { Redemption } from "@/types/api";

// POST /coupons/{id}/redeem: claim a coupon. The Idempotency-Key makes a repeated request (a retry by the network
// or the browser) give back the first answer instead of claiming twice.

export interface RedeemResponse {
  redemption: Redemption;
}

export async function redeemCoupon(couponId: string, idempotencyKey: string): Promise<Redemption> {
  const body = await api.post<RedeemResponse>(`/coupons/${encodeURIComponent(couponId)}/redeem`, undefined, {
    headers: { [IDEMPOTENCY_HEADER]: idempotencyKey },
  });
  return body.redemption;
}

export function useRedeemCoupon(couponId: string) {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (idempotencyKey: string) => redeemCoupon(couponId, idempotencyKey),
    onSuccess: () => {
      // What is left of the coupon, the wallet, and the followed hotels (a claim follows the hotel) all changed.
      for (const queryKey of [["coupons"], ["redemptions"], ["subscriptions"], ["hotels"]]) {
        void queryClient.invalidateQueries({ queryKey });
      }
    },
  });
}
