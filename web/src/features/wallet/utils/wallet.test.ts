import { describe, expect, it } from "vitest";

import { makeRedemption } from "@/testing/fixtures";

import { buildWallet } from "./wallet";

const ready = makeRedemption({ id: "r1", redeemed_at: "2026-11-20T10:00:00Z" });
const newer = makeRedemption({ id: "r2", redeemed_at: "2026-11-21T10:00:00Z" });
const used = makeRedemption({ id: "r3", status: "used", used_at: "2026-11-19T10:00:00Z" });
const cancelled = makeRedemption({ id: "r4", status: "cancelled", cancelled_at: "2026-11-18T10:00:00Z" });

describe("buildWallet", () => {
  it("sorts each list newest first", () => {
    const wallet = buildWallet({ ready: [ready, newer], used: [used], cancelled: [cancelled] });
    expect(wallet.ready.map((r) => r.id)).toEqual(["r2", "r1"]);
    expect(wallet.used.map((r) => r.id)).toEqual(["r3"]);
    expect(wallet.cancelled.map((r) => r.id)).toEqual(["r4"]);
  });

  it("moves a claim the desk just used from ready to used, at the top", () => {
    const wallet = buildWallet({ ready: [ready, newer], used: [used], cancelled: [] }, new Map([["r1", "2026-11-22T09:00:00Z"]]));
    expect(wallet.ready.map((r) => r.id)).toEqual(["r2"]);
    expect(wallet.used.map((r) => r.id)).toEqual(["r1", "r3"]);
    expect(wallet.used[0]?.used_at).toBe("2026-11-22T09:00:00Z");
  });

  it("shows a claim once when two lists disagree while they refresh", () => {
    const nowUsed = { ...ready, status: "used" as const, used_at: "2026-11-22T09:00:00Z" };
    const wallet = buildWallet({ ready: [ready], used: [nowUsed], cancelled: [] });
    expect(wallet.ready).toEqual([]);
    expect(wallet.used).toEqual([nowUsed]);
  });

  it("ignores a live use for a claim that is already settled", () => {
    const wallet = buildWallet({ ready: [], used: [], cancelled: [cancelled] }, new Map([["r4", "2026-11-22T09:00:00Z"]]));
    expect(wallet.cancelled.map((r) => r.id)).toEqual(["r4"]);
    expect(wallet.used).toEqual([]);
  });
});
