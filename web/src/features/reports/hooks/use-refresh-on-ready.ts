import { useQueryClient } from "@tanstack/react-query";

import { useNotifications } from "@/lib/live";

import { reportKeys } from "../api/keys";

/** A `report.ready` notification: the list and that report are fetched again at once. */
export function useRefreshReportsOnReady(): void {
  const queryClient = useQueryClient();
  useNotifications((notification) => {
    if (notification.kind !== "report.ready") return;
    void queryClient.invalidateQueries({ queryKey: reportKeys.all });
  });
}
