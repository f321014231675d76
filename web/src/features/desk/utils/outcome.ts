import { ApiError, errorMessage } from "@/lib/api-error";
import type { Redemption } from "@/types/api";

// What the desk shows after a code was used or checked: one of a few answers, each unmistakable.

export type DeskOutcome =
  | { kind: "used"; redemption: Redemption }
  | { kind: "ready"; redemption: Redemption }
  | { kind: "already-used"; code: string; usedAt: string | undefined; usedBy: string | undefined; redemption?: Redemption }
  | { kind: "cancelled"; redemption: Redemption }
  | { kind: "invalid"; code: string; checkedBy: "this-device" | "server" }
  | { kind: "rate-limited"; retryAt: number | undefined }
  | { kind: "error"; message: string };

export function outcomeOfUse(redemption: Redemption): DeskOutcome {
  return { kind: "used", redemption };
}

/** A lookup changes nothing: the code is ready, was used before, or was cancelled by the guest. */
export function outcomeOfLookup(redemption: Redemption): DeskOutcome {
  switch (redemption.status) {
    case "redeemed":
      return { kind: "ready", redemption };
    case "used":
      return { kind: "already-used", code: redemption.code, usedAt: redemption.used_at ?? undefined, usedBy: undefined, redemption };
    case "cancelled":
      return { kind: "cancelled", redemption };
  }
}

function text(value: unknown): string | undefined {
  return typeof value === "string" && value !== "" ? value : undefined;
}

export function outcomeOfError(error: unknown, code: string, now: number = Date.now()): DeskOutcome {
  if (error instanceof ApiError) {
    if (error.code === "already_used") {
      return { kind: "already-used", code, usedAt: text(error.extra.used_at), usedBy: text(error.extra.used_by) };
    }
    if (error.code === "invalid_code") return { kind: "invalid", code, checkedBy: "server" };
    if (error.status === 429) {
      const wait = error.retryAfterSeconds;
      return { kind: "rate-limited", retryAt: wait === undefined ? undefined : now + wait * 1000 };
    }
  }
  return { kind: "error", message: errorMessage(error) };
}
