import type { ReactNode } from "react";

import { formatDateTime, formatRelative } from "@/lib/format";
import type { Redemption } from "@/types/api";

import { useNow } from "../hooks/use-now";
import type { DeskOutcome } from "../utils/outcome";

// The answer at the desk: large, coloured and worded so that nobody can misread it, announced to screen readers.
// The live region is always in the page so that each new answer is read out.

type Tone = "ok" | "info" | "warn" | "bad";

function Guest({ redemption }: { redemption: Redemption }) {
  return (
    <dl className="desk-result-facts">
      <div>
        <dt>Coupon</dt>
        <dd>{redemption.coupon.title}</dd>
      </div>
      <div>
        <dt>Guest</dt>
        <dd>{redemption.guest_name}</dd>
      </div>
      <div>
        <dt>Discount</dt>
        <dd>{redemption.coupon.discount_percent}% off</dd>
      </div>
      <div>
        <dt>Code</dt>
        <dd className="desk-code-text">{redemption.code}</dd>
      </div>
    </dl>
  );
}

/**
 * The wait, counted down on screen. The result is a live region, so screen readers get the time to try again
 * once instead of a new number every second, and then that they can.
 */
function Countdown({ retryAt, timeZone }: { retryAt: number | undefined; timeZone: string | undefined }) {
  const now = useNow(1_000, retryAt !== undefined);
  if (retryAt === undefined) return <p>Too many wrong codes in a short time. Wait a few minutes, then try again.</p>;
  const seconds = Math.max(0, Math.ceil((retryAt - now) / 1000));
  if (seconds === 0) return <p>You can try again now.</p>;
  const wait = seconds >= 120 ? `${Math.ceil(seconds / 60)} minutes` : `${seconds} seconds`;
  const at = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit", timeZone }).format(retryAt);
  return (
    <p>
      <span aria-hidden="true">Too many wrong codes in a short time. Try again in {wait}.</span>
      <span className="visually-hidden">Too many wrong codes in a short time. Try again at {at}.</span>
    </p>
  );
}

function content(outcome: DeskOutcome, timeZone: string | undefined): { tone: Tone; icon: string; title: string; body: ReactNode } {
  switch (outcome.kind) {
    case "used":
      return { tone: "ok", icon: "✓", title: "Used now", body: <Guest redemption={outcome.redemption} /> };
    case "ready":
      return {
        tone: "info",
        icon: "i",
        title: "Valid, not used yet",
        body: (
          <>
            <Guest redemption={outcome.redemption} />
            <p>Press “Use code” to give the discount.</p>
          </>
        ),
      };
    case "already-used":
      return {
        tone: "warn",
        icon: "!",
        title: "Already used",
        body: (
          <>
            <p>
              {outcome.usedAt !== undefined
                ? `Used ${formatDateTime(outcome.usedAt, timeZone)} (${formatRelative(outcome.usedAt)})`
                : "This code was used before"}
              {outcome.usedBy !== undefined ? ` by ${outcome.usedBy}` : ""}. Do not give the discount again.
            </p>
            {outcome.redemption !== undefined ? <Guest redemption={outcome.redemption} /> : <p className="desk-code-text">{outcome.code}</p>}
          </>
        ),
      };
    case "cancelled":
      return {
        tone: "bad",
        icon: "✕",
        title: "Cancelled",
        body: (
          <>
            <p>The guest cancelled this coupon; it cannot be used.</p>
            <Guest redemption={outcome.redemption} />
          </>
        ),
      };
    case "invalid":
      return {
        tone: "bad",
        icon: "✕",
        title: "Invalid code",
        body: (
          <>
            <p>
              {outcome.checkedBy === "this-device"
                ? "This code is not valid — check for typos."
                : "This code is not valid — check for typos. It is not a live code of this hotel (it may be cancelled or belong to another hotel)."}
            </p>
            <p className="desk-code-text">{outcome.code}</p>
          </>
        ),
      };
    case "rate-limited":
      return { tone: "bad", icon: "⏳", title: "Too many attempts", body: <Countdown retryAt={outcome.retryAt} timeZone={timeZone} /> };
    case "error":
      return { tone: "bad", icon: "✕", title: "Could not check the code", body: <p>{outcome.message}</p> };
  }
}

export function DeskResult({ outcome, timeZone }: { outcome: DeskOutcome | null; timeZone: string | undefined }) {
  const shown = outcome === null ? null : content(outcome, timeZone);
  return (
    <div data-testid="desk-result" role="status" className={`desk-result ${shown !== null ? `desk-result-${shown.tone}` : "desk-result-empty"}`}>
      {shown !== null && (
        <>
          <span className="desk-result-icon" aria-hidden="true">
            {shown.icon}
          </span>
          <div className="desk-result-text">
            <p className="desk-result-title">{shown.title}</p>
            {shown.body}
          </div>
        </>
      )}
    </div>
  );
}
