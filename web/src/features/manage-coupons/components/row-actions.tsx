import { useState } from "react";
import { Link } from "react-router";

import { useToast } from "@/components/toasts";
import { Button } from "@/components/ui";
import { paths, pathTo } from "@/config/paths";
import { errorMessage } from "@/lib/api-error";

import type { CouponWithStats } from "../api/get-own-coupons";
import { useUpdateCoupon } from "../api/update-coupon";
import { statusActions, type StatusAction } from "../utils/status-actions";

// A row's Edit link and status buttons. The buttons are named by their verb; the coupon's title describes them
// (aria-describedby), so a screen reader says "Pause, button, Winter escape". Archive asks first, in place.

export function RowActions({ coupon, titleId }: { coupon: CouponWithStats; titleId: string }) {
  const update = useUpdateCoupon();
  const toast = useToast();
  const [confirming, setConfirming] = useState(false);
  const [returnFocus, setReturnFocus] = useState(false);

  const run = (action: StatusAction) =>
    update.mutate(
      { id: coupon.id, patch: { status: action.to } },
      {
        onSuccess: () => toast({ tone: "success", title: action.done, body: coupon.title }),
        onError: (error) => toast({ tone: "error", title: `Could not ${action.label.toLowerCase()} “${coupon.title}”`, body: errorMessage(error) }),
        onSettled: () => setConfirming(false),
      },
    );

  if (confirming) {
    const archive = statusActions(coupon.status).find((action) => action.to === "archived");
    return (
      <div className="row-confirm" role="group" aria-labelledby={`${titleId}-confirm`}>
        <p id={`${titleId}-confirm`} className="row-confirm-text">
          Archive “{coupon.title}”? Travellers will no longer see it; this cannot be undone.
        </p>
        <div className="row-actions">
          <Button variant="danger" className="button-small" busy={update.isPending} autoFocus onClick={() => archive && run(archive)}>
            Confirm archive
          </Button>
          <Button
            variant="ghost"
            className="button-small"
            onClick={() => {
              setConfirming(false);
              setReturnFocus(true);
            }}
          >
            Cancel
          </Button>
        </div>
      </div>
    );
  }

  return (
    <div className="row-actions">
      <Link className="button button-secondary button-small" to={pathTo(paths.editCoupon, coupon.id)} aria-describedby={titleId}>
        Edit
      </Link>
      {statusActions(coupon.status).map((action) => (
        <Button
          key={action.label}
          variant={action.confirm ? "danger" : "secondary"}
          className="button-small"
          aria-describedby={titleId}
          busy={update.isPending && update.variables.patch.status === action.to}
          disabled={update.isPending}
          autoFocus={action.confirm && returnFocus}
          onClick={() => (action.confirm ? setConfirming(true) : run(action))}
        >
          {action.label}
        </Button>
      ))}
    </div>
  );
}
