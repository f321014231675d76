import { useInfiniteQuery, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import type { Page } from "@/types/api";

// GET /me/subscriptions: the hotels the traveller follows, most recent first.

export interface FollowedHotel {
  hotel: { id: string; name: string; city: string };
  since: string;
  /** "manual": followed on purpose; "redeem": followed by claiming one of its coupons. */
  source: "manual" | "redeem";
}

export type SubscriptionsPage = Page<FollowedHotel>;

const MOST_PER_PAGE = 100;
const MOST_PAGES = 20;

export function getSubscriptions(cursor: string | null, limit: number, signal?: AbortSignal): Promise<SubscriptionsPage> {
  return api.get<SubscriptionsPage>("/me/subscriptions", { query: { cursor, limit }, ...(signal ? { signal } : {}) });
}

/** Every followed hotel (for "do I follow this one?"), read page by page up to a sane bound. */
export async function getAllSubscriptions(signal?: AbortSignal): Promise<FollowedHotel[]> {
  const all: FollowedHotel[] = [];
  let cursor: string | null = null;
  for (let page = 0; page < MOST_PAGES; page++) {
    const answer: SubscriptionsPage = await getSubscriptions(cursor, MOST_PER_PAGE, signal);
    all.push(...answer.items);
    cursor = answer.next_cursor;
    if (cursor === null) break;
  }
  return all;
}

/** The Following screen's list, 20 at a time. */
export function useSubscriptions() {
  return useInfiniteQuery({
    queryKey: ["subscriptions", "list"],
    queryFn: ({ pageParam, signal }) => getSubscriptions(pageParam, 20, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
}

export function useAllSubscriptions() {
  return useQuery({
    queryKey: ["subscriptions", "all"],
    queryFn: ({ signal }) => getAllSubscriptions(signal),
  });
}
