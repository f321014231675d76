import { lastDays, rangeProblems, type DateRange } from "@/lib/date-range";

// The dashboard's period: a preset (the last 7, 30 or 90 days in the hotel's calendar) or any typed range, kept
// in the address bar (?from&to) so a reload or a shared link shows the same figures.

export const PRESET_DAYS = [7, 30, 90] as const;
export const DEFAULT_DAYS = 30;

/** Which preset a range is, if any. */
export function presetOf(range: DateRange, today: string): number | null {
  return PRESET_DAYS.find((days) => range.from === lastDays(days, today).from && range.to === today) ?? null;
}

/** The range in the address bar if it is usable, else the default preset. */
export function rangeFromSearch(search: URLSearchParams, today: string): DateRange {
  const range = { from: search.get("from") ?? "", to: search.get("to") ?? "" };
  return Object.keys(rangeProblems(range)).length === 0 ? range : lastDays(DEFAULT_DAYS, today);
}
