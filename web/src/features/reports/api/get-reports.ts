import { useInfiniteQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import type { Page } from "@/types/api";

import { reportKeys } from "./keys";

// GET /hotelier/reports: the hotel's reports, newest first.

export type ReportStatus = "queued" | "running" | "ready" | "failed";

export interface Report {
  id: string;
  from: string;
  to: string;
  format: "pdf" | "csv";
  status: ReportStatus;
  attempts: number;
  created_at: string;
  finished_at?: string;
  download_url?: string;
  size_bytes?: number;
  /** Why the last attempt failed: a failed job, or a queued one waiting to retry. */
  error?: string;
}

const PAGE_SIZE = 20;

export function isUnfinished(report: Report): boolean {
  return report.status === "queued" || report.status === "running";
}

export async function getReports(cursor: string | null): Promise<Page<Report>> {
  return api.get<Page<Report>>("/hotelier/reports", { query: { limit: PAGE_SIZE, cursor } });
}

export function useReports() {
  return useInfiniteQuery({
    queryKey: reportKeys.list,
    queryFn: ({ pageParam }) => getReports(pageParam),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
}
