import { useInfiniteQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import type { Coupon, CouponStatus, Page } from "@/types/api";

import { couponKeys } from "./keys";

// GET /hotelier/coupons?status&limit&cursor: the hotel's own coupons in every status, newest first, each with
// its figures.

export interface CouponWithStats extends Coupon {
  stats: { views: number; redemptions: number; uses: number };
}

const PAGE_SIZE = 50;

export async function getOwnCoupons(status: CouponStatus | null, cursor: string | null): Promise<Page<CouponWithStats>> {
  return api.get<Page<CouponWithStats>>("/hotelier/coupons", { query: { status, cursor, limit: PAGE_SIZE } });
}

export function useOwnCoupons(status: CouponStatus | null) {
  return useInfiniteQuery({
    queryKey: couponKeys.list(status),
    queryFn: ({ pageParam }) => getOwnCoupons(status, pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
}
