import { useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import type { Coupon } from "@/types/api";

// GET /coupons/{id}: one coupon, with what is left of it.

export type CouponResponse = Coupon;

export function getCoupon(id: string, signal?: AbortSignal): Promise<CouponResponse> {
  return api.get<CouponResponse>(`/coupons/${encodeURIComponent(id)}`, signal ? { signal } : {});
}

export function useCoupon(id: string) {
  return useQuery({
    queryKey: ["coupons", "detail", id],
    queryFn: ({ signal }) => getCoupon(id, signal),
  });
}
