import type { ErrorBody, FieldIssue } from "@/types/api";

// What every failed call becomes: the API's error body, or a stand-in for a server that could not be reached.
export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly details: FieldIssue[];
  readonly requestId: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  /** Further members of the error body that some errors carry (409 already_used: `used_at`, `used_by`). */
  readonly extra: Readonly<Record<string, unknown>>;

  constructor(status: number, code: string, message: string, options: {
    details?: FieldIssue[];
    requestId?: string | undefined;
    retryAfterSeconds?: number | undefined;
    extra?: Record<string, unknown>;
  } = {}) {
    super(message);
    this.name = "ApiError";
    this.status = status;
    this.code = code;
    this.details = options.details ?? [];
    this.requestId = options.requestId;
    this.retryAfterSeconds = options.retryAfterSeconds;
    this.extra = options.extra ?? {};
  }

  /** The message for one form field, if the server named it. */
  fieldMessage(field: string): string | undefined {
    return this.details.find((issue) => issue.field === field)?.message;
  }
}

export const UNREACHABLE = "unreachable";

export function isErrorBody(value: unknown): value is ErrorBody {
  if (typeof value !== "object" || value === null || !("error" in value)) return false;
  const error = (value).error;
  return typeof error === "object" && error !== null && "code" in error && "message" in error;
}

// Messages in the user's words for the errors a person meets; the server's own message otherwise.
const friendly: Record<string, string> = {
  unreachable: "Cannot reach Hotel Coupon. Check your connection; we will keep trying.",
  sold_out: "Sold out: every one of these coupons has been claimed.",
  already_redeemed: "You have already claimed this coupon as many times as it allows.",
  not_active: "This coupon is not available right now.",
  expired: "This coupon has expired.",
  not_started: "This coupon cannot be claimed yet.",
  invalid_code: "Invalid code: it is not a live code of this hotel.",
  already_used: "This code has already been used.",
  invalid_credentials: "The e-mail or password is wrong.",
  unauthenticated: "Your session has ended. Please sign in again.",
  invalid_token: "Your session has ended. Please sign in again.",
  email_taken: "An account with this e-mail already exists. Sign in instead?",
  forbidden: "Your account cannot do this.",
  not_found: "We could not find that. It may have been removed.",
  payload_too_large: "That is too large to send.",
  unsupported_media_type: "That kind of file cannot be used here.",
  request_in_progress: "Your earlier attempt is still being handled. Please wait a moment.",
  internal: "Something went wrong on our side. Please try again.",
  unavailable: "A service is briefly unavailable. Please try again in a moment.",
};

export function errorMessage(error: unknown): string {
  if (error instanceof ApiError) {
    if (error.code === "rate_limited") {
      const wait = error.retryAfterSeconds;
      return wait !== undefined && wait > 0
        ? `Too many attempts. Try again in ${formatWait(wait)}.`
        : "Too many attempts. Please wait a moment and try again.";
    }
    return friendly[error.code] ?? error.message;
  }
  if (error instanceof Error) return error.message;
  return "Something went wrong.";
}

/** The server's message for each form field it named, as a sentence ("is required" → "Is required"). */
export function fieldErrors(error: unknown): Record<string, string> {
  if (!(error instanceof ApiError)) return {};
  return Object.fromEntries(error.details.map((issue) => [issue.field, capitalise(issue.message)]));
}

function capitalise(text: string): string {
  return text.charAt(0).toUpperCase() + text.slice(1);
}

function formatWait(seconds: number): string {
  if (seconds < 60) return `${seconds} second${seconds === 1 ? "" : "s"}`;
  const minutes = Math.ceil(seconds / 60);
  return `${minutes} minute${minutes === 1 ? "" : "s"}`;
}
