import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import { IDEMPOTENCY_HEADER } from "@/lib/idempotency";

import type { Report } from "./get-reports";
import { reportKeys } from "./keys";

// POST /hotelier/reports {from, to, format} with an Idempotency-Key → 202 {report} (queued); 429 when five are
// already queued or running.

export interface ReportRequest {
  from: string;
  to: string;
  format: "pdf" | "csv";
}

export async function createReport({ request, idempotencyKey }: { request: ReportRequest; idempotencyKey: string }): Promise<Report> {
  const body = await api.post<{ report: Report }>("/hotelier/reports", request, { headers: { [IDEMPOTENCY_HEADER]: idempotencyKey } });
  return body.report;
}

export function useCreateReport() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: createReport,
    onSuccess: () => queryClient.invalidateQueries({ queryKey: reportKeys.list }),
  });
}
