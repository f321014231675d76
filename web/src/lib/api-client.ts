import { ApiError, UNREACHABLE, isErrorBody } from "@/lib/api-error";
import type { Session } from "@/types/api";

// The one API client. It adds the access token, refreshes it once when the server answers 401, and turns every
// failure into an ApiError. The access token lives in memory only; the refresh token is an HttpOnly cookie.

const BASE = "/api/v1";

type Listener = (session: Session | null) => void;

export interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  json?: unknown;
  body?: Blob | File;
  query?: Record<string, string | number | boolean | null | undefined>;
  headers?: Record<string, string>;
  signal?: AbortSignal;
  /** Skip the refresh-and-retry on 401 (the auth calls themselves). */
  noRefresh?: boolean;
}

class ApiClient {
  private accessToken: string | null = null;
  private refreshing: Promise<Session | null> | null = null;
  private readonly listeners = new Set<Listener>();

  get token(): string | null {
    return this.accessToken;
  }

  /** Called with the new session after a login or refresh, and with null when the session ends. */
  onSession(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  setSession(session: Session | null): void {
    this.accessToken = session?.access_token ?? null;
    for (const listener of this.listeners) listener(session);
  }

  async get<T>(path: string, options: Omit<RequestOptions, "method"> = {}): Promise<T> {
    return this.request<T>(path, { ...options, method: "GET" });
  }

  async post<T>(path: string, json?: unknown, options: Omit<RequestOptions, "method" | "json"> = {}): Promise<T> {
    return this.request<T>(path, { ...options, method: "POST", json });
  }

  async patch<T>(path: string, json: unknown): Promise<T> {
    return this.request<T>(path, { method: "PATCH", json });
  }

  async put<T>(path: string, options: Omit<RequestOptions, "method"> = {}): Promise<T> {
    return this.request<T>(path, { ...options, method: "PUT" });
  }

  async delete(path: string): Promise<void> {
    await this.request<unknown>(path, { method: "DELETE" });
  }

  /** A file the API serves (a QR image, a report): fetched with the token, handed back as a Blob. */
  async blob(path: string, signal?: AbortSignal): Promise<Blob> {
    return (await this.file(path, signal)).blob;
  }

  /** Like blob(), with the response headers too (a download's name is in its Content-Disposition). */
  async file(path: string, signal?: AbortSignal): Promise<{ blob: Blob; headers: Headers }> {
    const response = await this.send(path, { method: "GET", ...(signal ? { signal } : {}) });
    return { blob: await response.blob(), headers: response.headers };
  }

  async request<T>(path: string, options: RequestOptions = {}): Promise<T> {
    const response = await this.send(path, options);
    if (response.status === 204) return undefined as T;
    const type = response.headers.get("Content-Type") ?? "";
    if (!type.startsWith("application/json")) return undefined as T;
    return (await response.json()) as T;
  }

  /**
   * Asks for a new access token with the refresh cookie. Only one refresh runs at a time in this tab, and a
   * Web Lock serialises it with other tabs: refresh tokens rotate on every use, and two tabs presenting the same
   * one at once would look like a stolen token and end the session everywhere.
   */
  async refresh(): Promise<Session | null> {
    this.refreshing ??= this.withCrossTabLock(async () => {
      try {
        const session = await this.request<Session>("/auth/refresh", { method: "POST", json: {}, noRefresh: true });
        this.setSession(session);
        return session;
      } catch (error) {
        // Only a refused refresh token ends the session; an outage (no answer, a 5xx, a 429) may pass.
        if (!isRefusal(error)) throw error;
        this.setSession(null);
        return null;
      }
    }).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async withCrossTabLock<T>(work: () => Promise<T>): Promise<T> {
    const locks = typeof navigator !== "undefined" ? navigator.locks : undefined;
    if (locks === undefined) return work();
    return locks.request("hotelcoupon-refresh", work);
  }

  private async send(path: string, options: RequestOptions, retried = false): Promise<Response> {
    const headers = new Headers(options.headers);
    headers.set("Accept", "application/json");
    const sentToken = this.accessToken;
    if (sentToken !== null) headers.set("Authorization", `Bearer ${sentToken}`);
    let body: BodyInit | undefined;
    if (options.json !== undefined) {
      headers.set("Content-Type", "application/json");
      body = JSON.stringify(options.json);
    } else if (options.body !== undefined) {
      headers.set("Content-Type", options.body.type || "application/octet-stream");
      body = options.body;
    }

    let response: Response;
    try {
      response = await fetch(BASE + path + queryString(options.query), {
        method: options.method ?? "GET",
        headers,
        body: body ?? null,
        credentials: "same-origin",
        signal: options.signal ?? null,
      });
    } catch (error) {
      if (error instanceof DOMException && error.name === "AbortError") throw error;
      throw new ApiError(0, UNREACHABLE, "The server cannot be reached");
    }

    if (response.status === 401 && !options.noRefresh && !retried) {
      // The access token ran out (or the server restarted with new keys): refresh once, then replay the call. If
      // another call refreshed while this one was out, its new token is replayed as is: every refresh rotates the
      // refresh token, so one more would only add churn.
      if (this.accessToken !== null && this.accessToken !== sentToken) return this.send(path, options, true);
      const session = await this.refresh();
      if (session !== null) return this.send(path, options, true);
    }
    if (!response.ok) throw await toApiError(response);
    return response;
  }
}

/** The server said no to the refresh token itself (a 4xx other than 429), as opposed to being unreachable or busy. */
function isRefusal(error: unknown): boolean {
  return error instanceof ApiError && error.status >= 400 && error.status < 500 && error.status !== 429;
}

export function queryString(query: RequestOptions["query"]): string {
  if (query === undefined) return "";
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === "") continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text === "" ? "" : `?${text}`;
}

async function toApiError(response: Response): Promise<ApiError> {
  const retryAfter = Number(response.headers.get("Retry-After") ?? "");
  const retryAfterSeconds = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter : undefined;
  let body: unknown = null;
  try {
    body = await response.json();
  } catch {
    // Not JSON (a proxy's error page): fall through to a generic error with the status.
  }
  if (isErrorBody(body)) {
    const { code, message, details, request_id: requestId, ...extra } = body.error;
    return new ApiError(response.status, code, message, { details: details ?? [], requestId, retryAfterSeconds, extra });
  }
  if (response.status >= 500) return new ApiError(response.status, "unavailable", "The server had a problem");
  return new ApiError(response.status, "http_" + String(response.status), response.statusText || "Request failed", {
    retryAfterSeconds,
  });
}

export const api = new ApiClient();
export type { ApiClient };
