import { keepPreviousData, useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import type { DateRange } from "@/lib/date-range";

// GET /hotelier/stats?from&to: totals, every day of the range and every coupon, in hotel-local dates.

export interface Figures {
  views: number;
  redemptions: number;
  uses: number;
  clicks?: number;
  shares?: number;
}

export interface DailyFigures extends Figures {
  date: string;
}

export interface CouponFigures extends Figures {
  coupon_id: string;
  title: string;
}

export interface Stats {
  from: string;
  to: string;
  timezone: string;
  totals: Figures;
  daily: DailyFigures[];
  coupons: CouponFigures[];
}

/** The dashboard is a live view: the server's "stats.changed" hint refreshes it at once (useLiveStats); this
 *  slow poll, only while the tab is visible, covers a socket that is down. */
export const STATS_REFRESH_MS = 30_000;

export const statsKeys = {
  all: ["hotelier-stats"] as const,
  range: (range: DateRange) => [...statsKeys.all, range.from, range.to] as const,
};

export async function getStats(range: DateRange, signal?: AbortSignal): Promise<Stats> {
  return api.get<Stats>("/hotelier/stats", { query: { from: range.from, to: range.to }, ...(signal ? { signal } : {}) });
}

export function useStats(range: DateRange) {
  return useQuery({
    queryKey: statsKeys.range(range),
    queryFn: ({ signal }) => getStats(range, signal),
    staleTime: 0, // opening the dashboard always reads the figures afresh (the app's default keeps them 15 s)
    refetchInterval: STATS_REFRESH_MS,
    refetchIntervalInBackground: false,
    placeholderData: keepPreviousData, // a new range keeps the old figures on screen until its own arrive
  });
}
