import { describe, expect, it } from "vitest";

import {
  countActiveFilters,
  EMPTY_FILTERS,
  effectiveSort,
  readFilters,
  sortChoices,
  toSearchQuery,
  writeFilters,
} from "./filters";

describe("discover filters", () => {
  it("round-trips through the query string, leaving out what is not set", () => {
    const filters = { q: "spa ", city: "Porto", hotel: "", minDiscount: 20, validOn: "2026-12-24", sort: "discount" as const };
    const params = writeFilters(filters);
    expect(params.toString()).toBe("q=spa+&city=Porto&min_discount=20&valid_on=2026-12-24&sort=discount");
    expect(readFilters(params)).toEqual(filters);
    expect(writeFilters(EMPTY_FILTERS).toString()).toBe("");
  });

  it("ignores malformed values in the address", () => {
    const filters = readFilters(new URLSearchParams("min_discount=lots&valid_on=tomorrow&sort=cheapest"));
    expect(filters).toEqual(EMPTY_FILTERS);
    expect(readFilters(new URLSearchParams("min_discount=150")).minDiscount).toBeNull();
  });

  it("sorts by relevance only when there are words to search for", () => {
    expect(effectiveSort({ ...EMPTY_FILTERS, q: "spa" })).toBe("relevance");
    expect(effectiveSort(EMPTY_FILTERS)).toBe("newest");
    expect(effectiveSort({ ...EMPTY_FILTERS, sort: "relevance" })).toBe("newest");
    expect(effectiveSort({ ...EMPTY_FILTERS, q: "spa", sort: "ending_soon" })).toBe("ending_soon");
    expect(sortChoices(false).map((choice) => choice.value)).not.toContain("relevance");
    expect(sortChoices(true)[0]?.value).toBe("relevance");
  });

  it("builds the API query trimmed, without the server's defaults", () => {
    expect(toSearchQuery({ ...EMPTY_FILTERS, q: "  spa  ", city: " ", sort: "relevance" })).toEqual({ q: "spa" });
    expect(toSearchQuery({ ...EMPTY_FILTERS, sort: "relevance" })).toEqual({});
    expect(toSearchQuery({ ...EMPTY_FILTERS, hotel: "Green", minDiscount: 30, validOn: "2026-12-01", sort: "discount" })).toEqual({
      hotel: "Green",
      min_discount: 30,
      valid_on: "2026-12-01",
      sort: "discount",
    });
    expect(toSearchQuery({ ...EMPTY_FILTERS, q: "spa", sort: "newest" })).toEqual({ q: "spa", sort: "newest" });
  });

  it("counts the filters that narrow the results", () => {
    expect(countActiveFilters(EMPTY_FILTERS)).toBe(0);
    expect(countActiveFilters({ ...EMPTY_FILTERS, q: "spa", city: "Porto", validOn: "2026-12-01" })).toBe(2);
  });
});
