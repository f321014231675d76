import { useQueryClient } from "@tanstack/react-query";

import { useNotifications } from "@/lib/live";

import { statsKeys } from "../api/get-stats";

/** Any notification means something happened (a claim, a use, a report): fetch the figures again at once. */
export function useRefreshStatsOnNotification(): void {
  const queryClient = useQueryClient();
  useNotifications(() => {
    void queryClient.invalidateQueries({ queryKey: statsKeys.all });
  });
}
