import { afterEach, describe, expect, it, vi } from "vitest";

import { ApiError } from "@/lib/api-error";
import { newIdempotencyKey, RetryKey } from "@/lib/idempotency";

afterEach(() => {
  vi.unstubAllGlobals();
});

describe("newIdempotencyKey", () => {
  it("is new every time", () => {
    expect(newIdempotencyKey()).not.toBe(newIdempotencyKey());
  });

  it("works without randomUUID (a page served over plain HTTP)", () => {
    const real = globalThis.crypto;
    vi.stubGlobal("crypto", { getRandomValues: <T extends ArrayBufferView>(array: T) => real.getRandomValues(array) });
    expect(newIdempotencyKey()).toMatch(/^[0-9a-f]{32}$/);
  });
});

describe("RetryKey", () => {
  it("keeps the key while the outcome is unknown and renews it once the server has answered", () => {
    const attempt = new RetryKey();
    const first = attempt.current;
    attempt.settle(new ApiError(0, "unreachable", "offline"));
    expect(attempt.current).toBe(first);
    attempt.settle(new ApiError(503, "unavailable", "down"));
    expect(attempt.current).toBe(first);
    attempt.settle(new ApiError(409, "sold_out", "gone"));
    expect(attempt.current).not.toBe(first);
    const second = attempt.current;
    attempt.settle(null);
    expect(attempt.current).not.toBe(second);
  });
});
