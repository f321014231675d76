import { useQueryClient } from "@tanstack/react-query";
import { useRef, useState, type SubmitEvent } from "react";

import { useToast } from "@/components/toasts";
import { Button, InputField, SelectField } from "@/components/ui";
import { ApiError, errorMessage } from "@/lib/api-error";
import { lastDays, rangeProblems } from "@/lib/date-range";
import { newIdempotencyKey } from "@/lib/idempotency";

import { useCreateReport, type ReportRequest } from "../api/create-report";
import { reportKeys } from "../api/keys";

// Ask for a report of a period. The Idempotency-Key stays the same while the request does, so pressing again
// after a lost answer does not queue a second report; a changed request gets a new key.

const DEFAULT_DAYS = 30;
const MAX_UNFINISHED = 5;

function problemText(error: unknown): string {
  if (error instanceof ApiError && error.status === 429) {
    return `You already have ${MAX_UNFINISHED} reports being prepared. Wait for one of them to finish, then try again.`;
  }
  return errorMessage(error);
}

export function ReportForm({ today }: { today: string }) {
  const toast = useToast();
  const create = useCreateReport();
  const queryClient = useQueryClient();
  const [request, setRequest] = useState<ReportRequest>(() => ({ ...lastDays(DEFAULT_DAYS, today), format: "pdf" }));
  const [checked, setChecked] = useState(false);
  const [failure, setFailure] = useState<unknown>(null);
  const key = useRef<{ body: string; key: string } | null>(null);
  const problems = checked ? rangeProblems(request) : {};

  const change = (next: Partial<ReportRequest>) => {
    setRequest((before) => ({ ...before, ...next }));
    setFailure(null);
  };

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    setChecked(true);
    if (Object.keys(rangeProblems(request)).length > 0) return;
    const body = JSON.stringify(request);
    if (key.current?.body !== body) key.current = { body, key: newIdempotencyKey() };
    create.mutate(
      { request, idempotencyKey: key.current.key },
      {
        onSuccess: () => {
          key.current = null;
          setFailure(null);
          toast({ tone: "success", title: "Report requested", body: "It appears below as soon as it is ready." });
        },
        onError: (error) => {
          setFailure(error);
          // Too many unfinished: some may come from another tab or device; show them, with their progress.
          if (error instanceof ApiError && error.status === 429) void queryClient.invalidateQueries({ queryKey: reportKeys.list });
        },
      },
    );
  };

  const fromServer = (field: string) => (failure instanceof ApiError ? failure.fieldMessage(field) : undefined);

  return (
    <form className="report-form" onSubmit={submit} noValidate aria-label="New report">
      <div className="report-form-fields">
        <InputField label="From" type="date" value={request.from} max={today} error={problems.from ?? fromServer("from")} onChange={(e) => change({ from: e.target.value })} />
        <InputField label="To" type="date" value={request.to} max={today} error={problems.to ?? fromServer("to")} onChange={(e) => change({ to: e.target.value })} />
        <SelectField label="Format" value={request.format} onChange={(e) => change({ format: e.target.value === "csv" ? "csv" : "pdf" })}>
          <option value="pdf">PDF</option>
          <option value="csv">CSV</option>
        </SelectField>
        <Button type="submit" busy={create.isPending} className="report-submit">
          Create report
        </Button>
      </div>
      {failure !== null && (
        <p className="banner banner-error" role="alert">
          {problemText(failure)}
        </p>
      )}
    </form>
  );
}
