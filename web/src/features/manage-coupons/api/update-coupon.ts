import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import type { Coupon } from "@/types/api";

import { storeSavedCoupon } from "./cache";
import type { CouponCreateBody } from "./create-coupon";

// PATCH /coupons/{id}: change some fields and/or the status (draft→active, active↔paused, any→archived).

export type CouponPatchBody = Partial<Omit<CouponCreateBody, "status">> & { status?: "draft" | "active" | "paused" | "archived" };

export async function updateCoupon({ id, patch }: { id: string; patch: CouponPatchBody }): Promise<Coupon> {
  return api.patch<Coupon>(`/coupons/${encodeURIComponent(id)}`, patch);
}

export function useUpdateCoupon() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: updateCoupon,
    onSuccess: (coupon) => storeSavedCoupon(queryClient, coupon),
  });
}
