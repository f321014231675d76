import { useId, useRef } from "react";
import { createPortal } from "react-dom";

import { QrImage } from "@/components/qr-image";
import { formatDateTime, groupCode } from "@/lib/format";
import type { Redemption } from "@/types/api";

import { useModal } from "../hooks/use-modal";
import { useWakeLock } from "../hooks/use-wake-lock";

import "./wallet.css";

// "Show at the desk": the whole screen for one claim, a big QR on white with its quiet zone and the code to read
// out, the screen kept awake. When the desk uses the code, it turns into a clear "Used ✓".

interface DeskViewProps {
  redemption: Redemption;
  onClose: () => void;
  fallbackFocus?: () => HTMLElement | null;
}

export function DeskView({ redemption, onClose, fallbackFocus }: DeskViewProps) {
  const dialog = useRef<HTMLDivElement>(null);
  const titleId = useId();
  const hintId = useId();
  useModal(dialog, onClose, fallbackFocus);
  useWakeLock();

  const { coupon } = redemption;
  const used = redemption.status === "used";
  return createPortal(
    <div className={`desk-overlay ${used ? "desk-overlay-used" : ""}`} data-modal-root="">
      <div
        ref={dialog}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        aria-describedby={hintId}
        tabIndex={-1}
        className="desk-view"
        data-testid="desk-view"
      >
        <div className="desk-view-top">
          <p className="desk-view-hotel">{coupon.hotel.name}</p>
          <button type="button" className="button button-secondary button-small" onClick={onClose}>
            Close
          </button>
        </div>
        <h2 id={titleId} className="desk-view-title">
          {coupon.title}
        </h2>
        {used ? (
          <div className="desk-used">
            <span className="desk-used-mark" aria-hidden="true">
              ✓
            </span>
            <p className="desk-used-title">Used ✓</p>
            <p id={hintId}>
              {coupon.hotel.name} accepted this coupon
              {redemption.used_at !== null ? ` on ${formatDateTime(redemption.used_at, coupon.hotel.timezone)}` : ""}. Enjoy your
              stay!
            </p>
          </div>
        ) : redemption.status === "cancelled" ? (
          <p id={hintId} className="desk-hint">
            This claim was cancelled, so its code no longer works.
          </p>
        ) : (
          <>
            <div className="desk-qr-frame">
              <QrImage redemptionId={redemption.id} size={320} className="desk-qr" />
            </div>
            <p className="desk-code" data-testid="desk-code">
              {groupCode(redemption.code)}
            </p>
            <p id={hintId} className="desk-hint">
              Show this screen at the front desk: they scan the QR code or type the code.
            </p>
          </>
        )}
        <p role="status" className="visually-hidden">
          {used ? "The hotel has used this coupon." : ""}
        </p>
      </div>
    </div>,
    document.body,
  );
}
