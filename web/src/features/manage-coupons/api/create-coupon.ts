import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import type { Coupon } from "@/types/api";

import { couponKeys } from "./keys";

// POST /coupons: a new coupon, as a draft or published at once (which tells every follower of the hotel).

export interface CouponCreateBody {
  title: string;
  description?: string;
  terms?: string;
  discount_percent: number;
  quantity?: number | null;
  per_user_limit?: number;
  /** YYYY-MM-DD in the hotel's time zone (the start of that day), or RFC 3339. */
  valid_from?: string;
  /** YYYY-MM-DD in the hotel's time zone (the end of that day), or RFC 3339. */
  valid_until: string;
  stay_from?: string | null;
  stay_until?: string | null;
  status: "draft" | "active";
}

export async function createCoupon(body: CouponCreateBody): Promise<Coupon> {
  return api.post<Coupon>("/coupons", body);
}

export function useCreateCoupon() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createCoupon,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: couponKeys.all }),
  });
}
