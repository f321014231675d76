import type { CouponStatus } from "@/types/api";

// What a hotelier can do with a coupon's status (PATCH transitions draft→active, active↔paused, any→archived).
// `expired` is derived from the end date: such a coupon can only be archived (or given a later end date).

export interface StatusAction {
  label: "Publish" | "Pause" | "Resume" | "Archive";
  to: "active" | "paused" | "archived";
  /** Archiving cannot be undone: it asks first. */
  confirm: boolean;
  done: string;
}

const archive: StatusAction = { label: "Archive", to: "archived", confirm: true, done: "Coupon archived" };

export function statusActions(status: CouponStatus): StatusAction[] {
  switch (status) {
    case "draft":
      return [{ label: "Publish", to: "active", confirm: false, done: "Coupon published" }, archive];
    case "active":
      return [{ label: "Pause", to: "paused", confirm: false, done: "Coupon paused" }, archive];
    case "paused":
      return [{ label: "Resume", to: "active", confirm: false, done: "Coupon resumed" }, archive];
    case "expired":
      return [archive];
    case "archived":
      return [];
  }
}
