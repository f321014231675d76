import { useInfiniteQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import type { Page, Redemption, RedemptionStatus } from "@/types/api";

// GET /me/redemptions?status=…: the traveller's claimed coupons of one status, newest first.

export type RedemptionsPage = Page<Redemption>;

export const WALLET_PAGE_SIZE = 50;

export function getRedemptions(status: RedemptionStatus, cursor: string | null, signal?: AbortSignal): Promise<RedemptionsPage> {
  return api.get<RedemptionsPage>("/me/redemptions", {
    query: { status, limit: WALLET_PAGE_SIZE, cursor },
    ...(signal ? { signal } : {}),
  });
}

export function useRedemptions(status: RedemptionStatus) {
  return useInfiniteQuery({
    queryKey: ["redemptions", status],
    queryFn: ({ pageParam, signal }) => getRedemptions(status, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
}
