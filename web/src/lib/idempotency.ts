// A fresh Idempotency-Key for a POST that creates something (a use at the desk, a report): the server replays its
// first answer to a retried request with the same key instead of doing the work twice.

export function newIdempotencyKey(): string {
  // randomUUID exists only in secure contexts; getRandomValues everywhere.
  const randomUUID = (crypto as Partial<Crypto>).randomUUID;
  if (randomUUID !== undefined) return randomUUID.call(crypto);
  const bytes = crypto.getRandomValues(new Uint8Array(16));
  return Array.from(bytes, (byte) => byte.toString(16).padStart(2, "0")).join("");
}

export const IDEMPOTENCY_HEADER = "Idempotency-Key";

/**
 * The key for one intended action, kept across retries while the outcome is unknown (the server could not be
 * reached, or failed): a retry then replays the first answer instead of doing the work twice. Once the server
 * has answered (done, or refused with a 4xx), the next attempt is a new action with a new key.
 */
export class RetryKey {
  private key = newIdempotencyKey();

  get current(): string {
    return this.key;
  }

  settle(error?: unknown): void {
    const outcomeUnknown =
      typeof error === "object" && error !== null && "status" in error && typeof error.status === "number" &&
      (error.status === 0 || error.status >= 500);
    if (!outcomeUnknown) this.key = newIdempotencyKey();
  }
}
