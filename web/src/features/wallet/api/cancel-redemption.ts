import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import type { Redemption } from "@/types/api";

// POST /redemptions/{id}/cancel: give back a claim that was not used; its unit goes back to the coupon.

export interface CancelRedemptionResponse {
  redemption: Redemption;
}

export async function cancelRedemption(id: string): Promise<Redemption> {
  const body = await api.post<CancelRedemptionResponse>(`/redemptions/${encodeURIComponent(id)}/cancel`);
  return body.redemption;
}

export function useCancelRedemption() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: cancelRedemption,
    // Not awaited: the screen shows the answer at once (the claim moves to "Cancelled") while the lists refresh.
    onSuccess: () => {
      void queryClient.invalidateQueries({ queryKey: ["redemptions"] });
      void queryClient.invalidateQueries({ queryKey: ["coupons"] });
    },
  });
}
