import { useQueryClient } from "@tanstack/react-query";

import { useLiveSignal } from "@/lib/live";

import { statsKeys } from "../api/get-stats";

/** The server says "stats.changed" on the hotelier's socket once travellers' views, claims or uses are counted:
 *  read the figures again at once. */
export function useLiveStats(): void {
  const queryClient = useQueryClient();
  useLiveSignal("stats.changed", () => {
    void queryClient.invalidateQueries({ queryKey: statsKeys.all });
  });
}
