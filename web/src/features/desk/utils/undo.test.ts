import { describe, expect, it } from "vitest";

import type { DeskEvent } from "../api/get-desk-log";
import { undoableUses } from "./undo";

function event(id: string, redemptionId: string, action: DeskEvent["action"], at: string, status: DeskEvent["redemption_status"] = "used"): DeskEvent {
  return {
    id,
    redemption_id: redemptionId,
    redemption_status: status,
    coupon: { id: "c1", title: "Spa afternoon" },
    guest_name: "Ada Lovelace",
    action,
    at,
    by: { name: "Desk" },
    client_address: "127.0.0.1",
    reason: "",
  };
}

describe("undoableUses", () => {
  const now = Date.parse("2026-11-22T10:10:00Z");

  it("offers undo on uses younger than ten minutes", () => {
    const events = [event("e2", "r2", "use", "2026-11-22T10:05:00Z"), event("e1", "r1", "use", "2026-11-22T09:59:00Z")];
    expect([...undoableUses(events, now)]).toEqual(["e2"]);
  });

  it("not on a use that was undone since, but again on a later use of the same code", () => {
    const undone = [event("e2", "r1", "undo", "2026-11-22T10:06:00Z"), event("e1", "r1", "use", "2026-11-22T10:05:00Z")];
    expect(undoableUses(undone, now).size).toBe(0);
    const usedAgain = [event("e3", "r1", "use", "2026-11-22T10:07:00Z"), ...undone];
    expect([...undoableUses(usedAgain, now)]).toEqual(["e3"]);
  });

  it("not on a use whose code is no longer used (undone from another desk since the log was read)", () => {
    expect(undoableUses([event("e1", "r1", "use", "2026-11-22T10:05:00Z", "redeemed")], now).size).toBe(0);
  });
});
