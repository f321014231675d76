import { keepPreviousData, useInfiniteQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import type { Coupon, Page } from "@/types/api";

import type { CouponSearchQuery } from "../utils/filters";

// GET /coupons: active coupons matching a search, 20 at a time, paged by next_cursor.

export type CouponSearchPage = Page<Coupon>;

export const SEARCH_PAGE_SIZE = 20;

export function searchCoupons(query: CouponSearchQuery, cursor: string | null, signal?: AbortSignal): Promise<CouponSearchPage> {
  return api.get<CouponSearchPage>("/coupons", {
    query: { ...query, limit: SEARCH_PAGE_SIZE, cursor },
    ...(signal ? { signal } : {}),
  });
}

export function useCouponSearch(query: CouponSearchQuery) {
  return useInfiniteQuery({
    queryKey: ["coupons", "search", query],
    queryFn: ({ pageParam, signal }) => searchCoupons(query, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
    // While the next search runs, the last results stay on screen instead of a spinner.
    placeholderData: keepPreviousData,
  });
}
