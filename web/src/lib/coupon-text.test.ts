import { describe, expect, it } from "vitest";

import {
  availability,
  discountLabel,
  endsLabel,
  formatDay,
  remainingLabel,
  stayLabel,
  timeZoneLabel,
  validityLabel,
} from "@/lib/coupon-text";
import { formatDate } from "@/lib/format";

const newYork = { id: "h1", name: "Harbour Inn", city: "New York", timezone: "America/New_York" };
const day = (iso: string) => formatDate(`${iso}T12:00:00Z`, "UTC");

describe("coupon text", () => {
  it("writes the discount as a minus percentage", () => {
    expect(discountLabel(25)).toBe("-25%");
  });

  it("says what is left, unlimited, or sold out", () => {
    expect(remainingLabel(12)).toBe("12 left");
    expect(remainingLabel(null)).toBe("Unlimited");
    expect(remainingLabel(0)).toBe("Sold out");
  });

  it("ends on the hotel's local day, not the UTC one", () => {
    // 04:59:59 UTC on 1 January is still 31 December in New York.
    const coupon = { hotel: newYork, valid_from: "2026-12-01T05:00:00Z", valid_until: "2027-01-01T04:59:59Z" };
    expect(endsLabel(coupon)).toBe(`Ends ${day("2026-12-31")}`);
    expect(validityLabel(coupon)).toBe(`Valid ${day("2026-12-01")} – ${day("2026-12-31")}`);
  });

  it("keeps stay dates on their calendar day", () => {
    expect(formatDay("2026-12-05")).toBe(day("2026-12-05"));
    expect(stayLabel("2026-12-05", "2026-12-20")).toBe(`Stay ${day("2026-12-05")} – ${day("2026-12-20")}`);
    expect(stayLabel("2026-12-05", null)).toBe(`Stay from ${day("2026-12-05")}`);
    expect(stayLabel(null, "2026-12-20")).toBe(`Stay until ${day("2026-12-20")}`);
    expect(stayLabel(null, null)).toBeNull();
  });

  it("names the time zone by its city", () => {
    expect(timeZoneLabel("America/New_York")).toBe("New York time (America/New_York)");
    expect(timeZoneLabel("UTC")).toBe("UTC time");
  });

  it("tells whether a coupon can be claimed now", () => {
    const now = new Date("2026-12-10T00:00:00Z");
    const base = { hotel: newYork, valid_from: "2026-12-01T00:00:00Z", valid_until: "2026-12-31T00:00:00Z", remaining: 3 };
    expect(availability(base, now)).toBe("open");
    expect(availability({ ...base, remaining: 0 }, now)).toBe("sold_out");
    expect(availability({ ...base, valid_from: "2026-12-11T00:00:00Z" }, now)).toBe("not_started");
    expect(availability({ ...base, valid_until: "2026-12-09T00:00:00Z" }, now)).toBe("ended");
  });
});
