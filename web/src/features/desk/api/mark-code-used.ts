import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { IDEMPOTENCY_HEADER } from "@/lib/idempotency";
import type { Redemption } from "@/types/api";

import { deskKeys } from "./keys";

// POST /hotelier/redemptions/use {code} → the redemption, now used; 409 already_used (with used_at and used_by
// in the error body), 404 invalid_code, 429 rate_limited.

export interface RedemptionBody {
  redemption: Redemption;
}

export async function markCodeUsed({ code, idempotencyKey }: { code: string; idempotencyKey: string }): Promise<Redemption> {
  const body = await api.post<RedemptionBody>("/hotelier/redemptions/use", { code }, {
    headers: { [IDEMPOTENCY_HEADER]: idempotencyKey },
  });
  return body.redemption;
}

export function useMarkCodeUsed() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: markCodeUsed,
    onSettled: () => queryClient.invalidateQueries({ queryKey: deskKeys.log }),
  });
}
