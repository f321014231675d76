import { useMutation } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import type { Redemption } from "@/types/api";

import type { RedemptionBody } from "./mark-code-used";

// POST /hotelier/redemptions/lookup {code} → what the code is, without changing it; 404 invalid_code.

export async function lookupCode(code: string): Promise<Redemption> {
  const body = await api.post<RedemptionBody>("/hotelier/redemptions/lookup", { code });
  return body.redemption;
}

export function useLookupCode() {
  return useMutation({ mutationFn: lookupCode });
}
