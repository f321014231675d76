import { describe, expect, it } from "vitest";

import { ApiError } from "@/lib/api-error";

import { outcomeOfError } from "./outcome";

describe("outcomeOfError", () => {
  it("reads when and by whom a code was already used from the error body", () => {
    const error = new ApiError(409, "already_used", "used", {
      extra: { used_at: "2026-11-22T10:00:00Z", used_by: "Siobhán Kelly" },
    });
    expect(outcomeOfError(error, "7KQ2-M9XD-4T1Z")).toEqual({
      kind: "already-used",
      code: "7KQ2-M9XD-4T1Z",
      usedAt: "2026-11-22T10:00:00Z",
      usedBy: "Siobhán Kelly",
    });
  });

  it("treats the server's invalid_code as an invalid code", () => {
    expect(outcomeOfError(new ApiError(404, "invalid_code", "no"), "X")).toEqual({ kind: "invalid", code: "X", checkedBy: "server" });
  });

  it("turns a 429 into a wait until Retry-After", () => {
    const error = new ApiError(429, "rate_limited", "slow", { retryAfterSeconds: 30 });
    expect(outcomeOfError(error, "X", 1_000)).toEqual({ kind: "rate-limited", retryAt: 31_000 });
  });

  it("says what went wrong otherwise", () => {
    expect(outcomeOfError(new ApiError(0, "unreachable", "x"), "X")).toMatchObject({ kind: "error", message: expect.stringContaining("Cannot reach") as unknown });
  });
});
