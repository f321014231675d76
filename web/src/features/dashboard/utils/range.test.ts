import { describe, expect, it } from "vitest";

import { presetOf, rangeFromSearch } from "./range";

describe("presetOf", () => {
  it("recognises a preset and nothing else", () => {
    expect(presetOf({ from: "2026-11-16", to: "2026-11-22" }, "2026-11-22")).toBe(7);
    expect(presetOf({ from: "2026-10-24", to: "2026-11-22" }, "2026-11-22")).toBe(30);
    expect(presetOf({ from: "2026-11-15", to: "2026-11-22" }, "2026-11-22")).toBeNull();
    expect(presetOf({ from: "2026-11-16", to: "2026-11-22" }, "2026-11-23")).toBeNull();
  });
});

describe("rangeFromSearch", () => {
  it("takes a valid range from the address and falls back to the last 30 days", () => {
    expect(rangeFromSearch(new URLSearchParams("from=2026-11-01&to=2026-11-10"), "2026-11-22")).toEqual({ from: "2026-11-01", to: "2026-11-10" });
    expect(rangeFromSearch(new URLSearchParams("from=nope"), "2026-11-22")).toEqual({ from: "2026-10-24", to: "2026-11-22" });
    expect(rangeFromSearch(new URLSearchParams("from=2026-11-10&to=2026-11-01"), "2026-11-22")).toEqual({ from: "2026-10-24", to: "2026-11-22" });
  });
});
