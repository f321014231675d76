import { paths, pathTo } from "@/config/paths";
import type { Notification } from "@/types/api";

/** The screen a notification is about, if there is one. */
export function linkOf(notification: Notification): { to: string; label: string } | null {
  const data = notification.data;
  switch (notification.kind) {
    case "coupon.created":
      return typeof data.coupon_id === "string" ? { to: pathTo(paths.coupon, data.coupon_id), label: "View coupon" } : null;
    case "coupon.used":
      return { to: paths.wallet, label: "My coupons" };
    case "report.ready":
      return { to: paths.reports, label: "Open reports" };
    default:
      return null;
  }
}

export function badgeText(count: number, more: boolean): string {
  return more || count > 99 ? "99+" : String(count);
}
