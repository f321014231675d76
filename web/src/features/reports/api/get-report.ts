import { useQuery, useQueryClient } from "@tanstack/react-query";
import { useEffect } from "react";

import { api } from "@/lib/api-client";

import { isUnfinished, type Report } from "./get-reports";
import { reportKeys } from "./keys";

// GET /hotelier/reports/{id}: one report and where it stands. A report still queued or running is asked about
// every second until it is ready or has failed; then the list is fetched again so it shows the finished row.

export const PROGRESS_POLL_MS = 1_000;

export async function getReport(id: string): Promise<Report> {
  return api.get<Report>(`/hotelier/reports/${encodeURIComponent(id)}`);
}

export function useReportProgress(listed: Report): Report {
  const queryClient = useQueryClient();
  const query = useQuery({
    queryKey: reportKeys.one(listed.id),
    queryFn: () => getReport(listed.id),
    initialData: listed,
    enabled: isUnfinished(listed),
    refetchInterval: (q) => (q.state.data !== undefined && isUnfinished(q.state.data) ? PROGRESS_POLL_MS : false),
  });
  const current = isUnfinished(listed) ? query.data : listed;
  const finishedHere = isUnfinished(listed) && !isUnfinished(current);
  useEffect(() => {
    if (finishedHere) void queryClient.invalidateQueries({ queryKey: reportKeys.list });
  }, [finishedHere, queryClient]);
  return current;
}
