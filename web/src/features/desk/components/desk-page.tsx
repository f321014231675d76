import { useRef, useState, type SubmitEvent } from "react";

import { Button, PageHeader } from "@/components/ui";
import { ApiError } from "@/lib/api-error";
import { newIdempotencyKey } from "@/lib/idempotency";
import { useUser } from "@/lib/session";
import type { Redemption } from "@/types/api";

import { useLookupCode } from "../api/lookup-code";
import { useMarkCodeUsed } from "../api/mark-code-used";
import { useNow } from "../hooks/use-now";
import { CODE_SYMBOLS, codeFromScan, codeSymbols, parseCode } from "../utils/code";
import { outcomeOfError, outcomeOfLookup, outcomeOfUse, type DeskOutcome } from "../utils/outcome";
import { CodeField } from "./code-field";
import { DeskLog } from "./desk-log";
import { DeskResult } from "./desk-result";
import { QrScanner } from "./qr-scanner";
import "../desk.css";

// The front desk: type or scan the guest's code, check it on this device, then use it (or just look it up).

type Action = "use" | "check";

/** The server may have used the code before the answer was lost: a retry of the same code keeps its key. */
function outcomeUnknown(error: unknown): boolean {
  return error instanceof ApiError && (error.status === 0 || error.status >= 500);
}

export function DeskPage() {
  const timeZone = useUser().hotel?.timezone;
  const [code, setCode] = useState("");
  const [fieldError, setFieldError] = useState<string | undefined>();
  const [outcome, setOutcome] = useState<DeskOutcome | null>(null);
  // The codes this tab used or checked, by redemption id: the desk log never lists codes, this tab may show its own.
  const [knownCodes, setKnownCodes] = useState<Record<string, string>>({});
  const inputRef = useRef<HTMLInputElement>(null);
  // One Idempotency-Key per attempt to use a code; kept only to retry that same code after an unknown outcome
  // (so a lost "used" answer replays as "Used now", not as "Already used" by ourselves).
  const unsettled = useRef<{ code: string; key: string } | null>(null);
  const markUsed = useMarkCodeUsed();
  const lookup = useLookupCode();
  const busy = markUsed.isPending || lookup.isPending;
  const retryAt = outcome?.kind === "rate-limited" ? outcome.retryAt : undefined;
  const now = useNow(1_000, retryAt !== undefined);
  const waiting = retryAt !== undefined && retryAt > now;

  const remember = (redemption: Redemption) => setKnownCodes((before) => ({ ...before, [redemption.id]: redemption.code }));

  const run = (action: Action, typed: string) => {
    if (busy || waiting) return;
    if (codeSymbols(typed).length < CODE_SYMBOLS) {
      setFieldError(typed === "" ? "Enter the guest's coupon code." : `Enter all ${CODE_SYMBOLS} characters of the code.`);
      inputRef.current?.focus();
      return;
    }
    setFieldError(undefined);
    const canonical = parseCode(typed);
    if (canonical === null) {
      // A typo caught on this device: no request, so no attempt counts against the desk's limit.
      setOutcome({ kind: "invalid", code: typed, checkedBy: "this-device" });
      inputRef.current?.select(); // the next keystroke or scan replaces the wrong code
      return;
    }
    const onError = (error: unknown) => {
      setOutcome(outcomeOfError(error, canonical));
      inputRef.current?.select();
    };
    if (action === "use") {
      const idempotencyKey = unsettled.current?.code === canonical ? unsettled.current.key : newIdempotencyKey();
      unsettled.current = { code: canonical, key: idempotencyKey };
      markUsed.mutate({ code: canonical, idempotencyKey }, {
        onSettled: (_data, error) => {
          if (!outcomeUnknown(error)) unsettled.current = null;
        },
        onSuccess: (redemption) => {
          remember(redemption);
          setOutcome(outcomeOfUse(redemption));
          setCode(""); // ready for the next guest
          inputRef.current?.focus();
        },
        onError,
      });
    } else {
      lookup.mutate(canonical, {
        onSuccess: (redemption) => {
          remember(redemption);
          setOutcome(outcomeOfLookup(redemption));
        },
        onError,
      });
    }
  };

  const submit = (event: SubmitEvent<HTMLFormElement>) => {
    event.preventDefault();
    run("use", code);
  };

  return (
    <div className="desk">
      <PageHeader title="Front desk" />
      <div className="desk-grid">
        <section className="panel desk-panel" aria-label="Use a code">
          <form className="desk-form" onSubmit={submit} noValidate>
            <CodeField
              value={code}
              onChange={(value) => {
                setCode(value);
                setFieldError(undefined);
                // A new code is being typed: the last answer is about another guest. A wait stays on screen.
                if (!waiting) setOutcome(null);
              }}
              error={fieldError}
              inputRef={inputRef}
            />
            <div className="desk-actions">
              <Button type="submit" className="button-large desk-use" busy={markUsed.isPending} disabled={waiting}>
                Use code
              </Button>
              <Button variant="secondary" className="button-large" busy={lookup.isPending} disabled={waiting} onClick={() => run("check", code)}>
                Check
              </Button>
            </div>
          </form>
          <QrScanner
            onCode={(text) => {
              const scanned = codeFromScan(text);
              setCode(scanned);
              setFieldError(undefined);
              inputRef.current?.focus();
              run("check", scanned);
            }}
          />
          <DeskResult outcome={outcome} timeZone={timeZone} />
        </section>
        <DeskLog knownCodes={knownCodes} timeZone={timeZone} />
      </div>
    </div>
  );
}
