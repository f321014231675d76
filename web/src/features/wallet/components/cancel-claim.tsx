import { useEffect, useRef, useState } from "react";

import { ErrorBanner } from "@/components/ui";
import type { Redemption } from "@/types/api";

import { useCancelRedemption } from "../api/cancel-redemption";

import "./wallet.css";

// "Cancel claim" asks once more before it gives the claim back: a cancelled code cannot be brought back.

interface CancelClaimProps {
  redemptionId: string;
  /** With the server's answer: the claim, now cancelled. */
  onCancelled: (redemption: Redemption) => void;
}

export function CancelClaim({ redemptionId, onCancelled }: CancelClaimProps) {
  const [confirming, setConfirming] = useState(false);
  const [asked, setAsked] = useState(false);
  const cancel = useCancelRedemption();
  const keep = useRef<HTMLButtonElement>(null);
  const ask = useRef<HTMLButtonElement>(null);

  // The focus follows the question: to "Keep it" when it appears, back to "Cancel claim" when it goes.
  useEffect(() => {
    if (confirming) keep.current?.focus();
    else if (asked) ask.current?.focus();
  }, [confirming, asked]);

  if (!confirming) {
    return (
      <button
        ref={ask}
        type="button"
        className="button button-danger button-small"
        onClick={() => {
          setAsked(true);
          setConfirming(true);
        }}
      >
        Cancel claim
      </button>
    );
  }
  return (
    <div className="wallet-confirm" role="group" aria-label="Cancel this claim?">
      <p className="wallet-confirm-text">Cancel this claim? Its code stops working and the coupon goes back on offer.</p>
      {cancel.isError && <ErrorBanner error={cancel.error} />}
      <div className="wallet-actions">
        {/* Not disabled while it runs (that would drop the focus); a second press is ignored instead. */}
        <button
          type="button"
          className="button button-danger button-small"
          aria-busy={cancel.isPending || undefined}
          onClick={() => {
            if (!cancel.isPending) cancel.mutate(redemptionId, { onSuccess: onCancelled });
          }}
        >
          {cancel.isPending && <span className="spinner spinner-inline" aria-hidden="true" />}
          Yes, cancel claim
        </button>
        <button ref={keep} type="button" className="button button-secondary button-small" onClick={() => setConfirming(false)}>
          Keep it
        </button>
      </div>
    </div>
  );
}
