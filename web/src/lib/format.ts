// Dates, times, money-free numbers and codes, written the way a person reads them.

/** A date (no time) in the given IANA time zone, e.g. "31 Dec 2026". */
export function formatDate(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", year: "numeric", timeZone }).format(
    new Date(iso),
  );
}

/** A date and time in the given IANA time zone, e.g. "31 Dec 2026, 18:05". */
export function formatDateTime(iso: string, timeZone?: string): string {
  return new Intl.DateTimeFormat(undefined, {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
    timeZone,
  }).format(new Date(iso));
}

/** "in 3 days", "2 hours ago": how far `iso` is from `now`. */
export function formatRelative(iso: string, now: Date = new Date()): string {
  const seconds = Math.round((new Date(iso).getTime() - now.getTime()) / 1000);
  const units: [Intl.RelativeTimeFormatUnit, number][] = [
    ["day", 86_400],
    ["hour", 3_600],
    ["minute", 60],
  ];
  const format = new Intl.RelativeTimeFormat(undefined, { numeric: "auto" });
  for (const [unit, size] of units) {
    if (Math.abs(seconds) >= size) return format.format(Math.round(seconds / size), unit);
  }
  return format.format(seconds, "second");
}

export function formatNumber(value: number): string {
  return new Intl.NumberFormat().format(value);
}

/** A share as a percentage with one decimal, "—" when there is nothing to divide by. */
export function formatRate(part: number, whole: number): string {
  if (whole <= 0) return "—";
  return `${(Math.round((part / whole) * 1000) / 10).toFixed(1)}%`;
}

/** A coupon code in groups of four, as printed at the desk: "7KQ2-M9XD-4T1R". */
export function groupCode(code: string): string {
  const plain = code.replace(/[^0-9a-z]/gi, "").toUpperCase();
  return plain.match(/.{1,4}/g)?.join("-") ?? "";
}

/** Today's date (YYYY-MM-DD) in the given time zone, or the browser's. */
export function isoDate(date: Date = new Date(), timeZone?: string): string {
  return new Intl.DateTimeFormat("en-CA", { year: "numeric", month: "2-digit", day: "2-digit", timeZone }).format(date);
}

/** The date `days` days before or after `date` (YYYY-MM-DD in, YYYY-MM-DD out). */
export function addDays(date: string, days: number): string {
  const at = new Date(`${date}T00:00:00Z`);
  at.setUTCDate(at.getUTCDate() + days);
  return at.toISOString().slice(0, 10);
}
