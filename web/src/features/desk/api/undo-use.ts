import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import type { Redemption } from "@/types/api";

import { deskKeys } from "./keys";
import type { RedemptionBody } from "./mark-code-used";

// POST /hotelier/redemptions/{id}/undo {reason} → the redemption, ready to use again; 409 undo_window_passed
// after 10 minutes, or not_used.

export const UNDO_WINDOW_MS = 10 * 60_000;

export async function undoUse({ redemptionId, reason }: { redemptionId: string; reason: string }): Promise<Redemption> {
  const body = await api.post<RedemptionBody>(`/hotelier/redemptions/${encodeURIComponent(redemptionId)}/undo`, { reason });
  return body.redemption;
}

export function useUndoUse() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: undoUse,
    onSettled: () => queryClient.invalidateQueries({ queryKey: deskKeys.log }),
  });
}
