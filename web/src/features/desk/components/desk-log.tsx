import { useId, useState, type SubmitEvent } from "react";

import { useToast } from "@/components/toasts";
import { Button, EmptyState, ErrorBanner, InputField, Spinner } from "@/components/ui";
import { errorMessage } from "@/lib/api-error";
import { formatDateTime, formatRelative } from "@/lib/format";

import { useDeskLog, type DeskEvent } from "../api/get-desk-log";
import { useUndoUse } from "../api/undo-use";
import { useNow } from "../hooks/use-now";
import { undoableUses, undoDeadline } from "../utils/undo";

// The desk's recent uses and undos, newest first. A use can be undone for ten minutes (a code used by mistake),
// with a reason that goes into the audit log.

function timeOfDay(iso: string, timeZone: string | undefined): string {
  return new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", timeZone }).format(new Date(iso));
}

function UndoForm({ event, onDone, onCancel }: { event: DeskEvent; onDone: () => void; onCancel: () => void }) {
  const undo = useUndoUse();
  const toast = useToast();
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<string | undefined>();

  const submit = (formEvent: SubmitEvent<HTMLFormElement>) => {
    formEvent.preventDefault();
    const trimmed = reason.trim();
    if (trimmed === "") {
      setProblem("Say why the use is undone (it goes into the desk log).");
      return;
    }
    setProblem(undefined);
    undo.mutate(
      { redemptionId: event.redemption_id, reason: trimmed },
      {
        onSuccess: () => {
          toast({ tone: "success", title: "Use undone", body: "The guest's code can be used again." });
          onDone();
        },
        onError: (error) => setProblem(errorMessage(error)),
      },
    );
  };

  return (
    <form className="desk-undo-form" onSubmit={submit} noValidate>
      <InputField
        label="Reason for undo"
        value={reason}
        onChange={(e) => {
          setReason(e.target.value);
          setProblem(undefined);
        }}
        maxLength={500}
        error={problem}
        autoFocus
      />
      <div className="desk-undo-actions">
        <Button type="submit" variant="danger" className="button-small" busy={undo.isPending}>
          Confirm undo
        </Button>
        <Button variant="ghost" className="button-small" onClick={onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}

interface LogEntryProps {
  event: DeskEvent;
  /** The redemption's code, when this tab used or checked it. */
  code: string | undefined;
  undoable: boolean;
  timeZone: string | undefined;
}

function LogEntry({ event, code, undoable, timeZone }: LogEntryProps) {
  const [undoing, setUndoing] = useState(false);
  const [returnFocus, setReturnFocus] = useState(false); // a cancelled undo gives focus back to its button
  const describedBy = useId();
  const used = event.action === "use";
  return (
    <li className="desk-log-entry">
      <div className="desk-log-main">
        <span className={`badge ${used ? "badge-used" : "badge-cancelled"}`}>{used ? "Used" : "Undone"}</span>
        <div className="desk-log-text" id={describedBy}>
          <strong>
            {event.coupon.title} — {event.guest_name}
          </strong>
          <span className="muted small">
            {formatDateTime(event.at, timeZone)} ({formatRelative(event.at)}) · by {event.by.name ?? "staff"}
            {code !== undefined && <> · <span className="desk-code-text">{code}</span></>}
          </span>
          {event.reason !== "" && <span className="small">Reason: {event.reason}</span>}
        </div>
        {undoable && !undoing && (
          <div className="desk-log-undo">
            <Button variant="secondary" className="button-small" aria-describedby={describedBy} autoFocus={returnFocus} onClick={() => setUndoing(true)}>
              Undo
            </Button>
            <span className="muted small">until {timeOfDay(undoDeadline(event), timeZone)}</span>
          </div>
        )}
      </div>
      {undoing && (
        <UndoForm
          event={event}
          onDone={() => setUndoing(false)}
          onCancel={() => {
            setUndoing(false);
            setReturnFocus(true);
          }}
        />
      )}
    </li>
  );
}

export function DeskLog({ knownCodes, timeZone }: { knownCodes: Readonly<Record<string, string>>; timeZone: string | undefined }) {
  const log = useDeskLog();
  const now = useNow(15_000); // the undo window closes while the page is open
  const items = log.data?.items ?? [];
  const undoable = undoableUses(items, now);

  return (
    <section className="panel desk-log-panel" aria-labelledby="desk-log-title">
      <h2 id="desk-log-title">Recent uses</h2>
      {log.isPending && <Spinner label="Loading recent uses…" />}
      {log.isError && <ErrorBanner error={log.error} onRetry={() => void log.refetch()} />}
      {log.isSuccess && items.length === 0 && <EmptyState title="No codes used yet">Codes you use here appear in this list.</EmptyState>}
      {items.length > 0 && (
        <ol className="desk-log">
          {items.map((event) => (
            <LogEntry key={event.id} event={event} code={knownCodes[event.redemption_id]} undoable={undoable.has(event.id)} timeZone={timeZone} />
          ))}
        </ol>
      )}
    </section>
  );
}
