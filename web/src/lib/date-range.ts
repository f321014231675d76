import { addDays } from "@/lib/format";

// Periods of calendar days (YYYY-MM-DD, both ends included), as the statistics and report endpoints take them.

export interface DateRange {
  from: string;
  to: string;
}

/** The API takes periods of at most 366 days, both ends counted (src/interactions/period.cpp). */
export const MAX_RANGE_DAYS = 366;

/** A real calendar date written YYYY-MM-DD. */
export function isIsoDate(value: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return false;
  const parsed = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(parsed.getTime()) && parsed.toISOString().startsWith(value);
}

/** The last `days` days up to and including `today`. */
export function lastDays(days: number, today: string): DateRange {
  return { from: addDays(today, -(days - 1)), to: today };
}

/** Days from `from` to `to`, both included. */
export function daysIn(range: DateRange): number {
  return Math.round((Date.parse(`${range.to}T00:00:00Z`) - Date.parse(`${range.from}T00:00:00Z`)) / 86_400_000) + 1;
}

export interface RangeProblems {
  from?: string;
  to?: string;
}

/** What is wrong with a typed period, per field; empty when the API will take it. */
export function rangeProblems(range: DateRange): RangeProblems {
  const problems: RangeProblems = {};
  if (!isIsoDate(range.from)) problems.from = "Enter a start date.";
  if (!isIsoDate(range.to)) problems.to = "Enter an end date.";
  if (problems.from !== undefined || problems.to !== undefined) return problems;
  if (range.to < range.from) problems.to = "The end date must be on or after the start date.";
  else if (daysIn(range) > MAX_RANGE_DAYS) problems.to = `Choose at most ${MAX_RANGE_DAYS} days.`;
  return problems;
}
