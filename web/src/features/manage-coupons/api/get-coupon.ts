import { useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import type { Coupon } from "@/types/api";

import { couponKeys } from "./keys";

// GET /coupons/{id}: one coupon; its owner reads it in any status.

export async function getCoupon(id: string): Promise<Coupon> {
  return api.get<Coupon>(`/coupons/${encodeURIComponent(id)}`);
}

export function useCoupon(id: string | undefined) {
  return useQuery({
    queryKey: couponKeys.one(id ?? ""),
    queryFn: () => getCoupon(id ?? ""),
    enabled: id !== undefined,
    staleTime: 0, // the editor starts from what is stored now
  });
}
