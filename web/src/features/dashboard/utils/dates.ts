// Calendar dates (YYYY-MM-DD, already hotel-local) for people: read as UTC so no time zone shifts the day.

const short = new Intl.DateTimeFormat(undefined, { day: "numeric", month: "short", timeZone: "UTC" });
const long = new Intl.DateTimeFormat(undefined, { weekday: "short", day: "numeric", month: "short", year: "numeric", timeZone: "UTC" });

function at(date: string): Date {
  return new Date(`${date}T00:00:00Z`);
}

/** "22 Nov" */
export function shortDay(date: string): string {
  return short.format(at(date));
}

/** "Sun, 22 Nov 2026" */
export function longDay(date: string): string {
  return long.format(at(date));
}
