import { describe, expect, it } from "vitest";

import { daysIn, isIsoDate, lastDays, rangeProblems } from "@/lib/date-range";

describe("lastDays", () => {
  it("counts today as the last of the days", () => {
    expect(lastDays(7, "2026-11-22")).toEqual({ from: "2026-11-16", to: "2026-11-22" });
    expect(lastDays(30, "2026-03-01")).toEqual({ from: "2026-01-31", to: "2026-03-01" });
    expect(daysIn(lastDays(90, "2026-11-22"))).toBe(90);
  });
});

describe("isIsoDate", () => {
  it("wants a real day", () => {
    expect(isIsoDate("2028-02-29")).toBe(true);
    expect(isIsoDate("2026-02-29")).toBe(false);
    expect(isIsoDate("22/11/2026")).toBe(false);
  });
});

describe("rangeProblems", () => {
  it("accepts a range of one day and of 366 days, both ends counted as the server does", () => {
    expect(rangeProblems({ from: "2026-11-22", to: "2026-11-22" })).toEqual({});
    expect(rangeProblems({ from: "2025-11-22", to: "2026-11-22" })).toEqual({});
  });

  it("names the field at fault", () => {
    expect(rangeProblems({ from: "", to: "2026-11-22" })).toEqual({ from: "Enter a start date." });
    expect(rangeProblems({ from: "2026-02-30", to: "2026-11-22" })).toEqual({ from: "Enter a start date." });
    expect(rangeProblems({ from: "2026-11-22", to: "2026-11-21" }).to).toMatch(/on or after/);
    expect(rangeProblems({ from: "2025-11-21", to: "2026-11-22" }).to).toMatch(/at most 366 days/);
  });
});
