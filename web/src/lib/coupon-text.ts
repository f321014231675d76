import { formatDate, formatNumber } from "@/lib/format";
import type { Coupon } from "@/types/api";

// How a coupon's figures read to a traveller. Instants (valid_from, valid_until) are shown in the hotel's own time
// zone, because "valid until 31 Dec" means the end of that day at the hotel; stay dates are plain calendar dates.

type CouponDates = Pick<Coupon, "valid_from" | "valid_until" | "hotel">;

/** "-25%". */
export function discountLabel(percent: number): string {
  return `-${percent}%`;
}

/** "12 left", "Unlimited", or "Sold out" once nothing remains. */
export function remainingLabel(remaining: number | null): string {
  if (remaining === null) return "Unlimited";
  if (remaining <= 0) return "Sold out";
  return `${formatNumber(remaining)} left`;
}

/** "Ends 31 Dec 2026" (the hotel's local day). */
export function endsLabel(coupon: CouponDates): string {
  return `Ends ${formatDate(coupon.valid_until, coupon.hotel.timezone)}`;
}

/** "Valid 1 Dec 2026 – 31 Dec 2026" (the hotel's local days). */
export function validityLabel(coupon: CouponDates): string {
  const zone = coupon.hotel.timezone;
  return `Valid ${formatDate(coupon.valid_from, zone)} – ${formatDate(coupon.valid_until, zone)}`;
}

/** A calendar date (YYYY-MM-DD) as a person reads it, never shifted by a time zone. */
export function formatDay(date: string): string {
  return formatDate(`${date.slice(0, 10)}T12:00:00Z`, "UTC");
}

/** "Stay 5 Dec 2026 – 20 Dec 2026", "Stay from …", "Stay until …", or null when any night will do. */
export function stayLabel(stayFrom: string | null, stayUntil: string | null): string | null {
  if (stayFrom !== null && stayUntil !== null) return `Stay ${formatDay(stayFrom)} – ${formatDay(stayUntil)}`;
  if (stayFrom !== null) return `Stay from ${formatDay(stayFrom)}`;
  if (stayUntil !== null) return `Stay until ${formatDay(stayUntil)}`;
  return null;
}

/** "Europe/Lisbon" → "Lisbon time (Europe/Lisbon)"; the zone is named so a traveller abroad is not misled. */
export function timeZoneLabel(timeZone: string): string {
  const city = timeZone.split("/").pop()?.replace(/_/g, " ") ?? timeZone;
  return city === timeZone ? `${timeZone} time` : `${city} time (${timeZone})`;
}

export type Availability = "open" | "sold_out" | "not_started" | "ended";

/** Whether a coupon can be claimed now, as far as this copy of it tells (the server has the last word). */
export function availability(coupon: CouponDates & Pick<Coupon, "remaining">, now: Date = new Date()): Availability {
  if (new Date(coupon.valid_until).getTime() < now.getTime()) return "ended";
  if (coupon.remaining !== null && coupon.remaining <= 0) return "sold_out";
  if (new Date(coupon.valid_from).getTime() > now.getTime()) return "not_started";
  return "open";
}
