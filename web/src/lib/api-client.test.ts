import { afterEach, describe, expect, it, vi } from "vitest";

import { api, queryString } from "@/lib/api-client";
import { ApiError, errorMessage } from "@/lib/api-error";
import type { Session } from "@/types/api";

function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

function session(token: string): Session {
  return {
    access_token: token,
    token_type: "Bearer",
    expires_in: 900,
    refresh_token: "r",
    user: { id: "u1", email: "a@b.example", name: "Ana", role: "user", created_at: "2026-01-01T00:00:00Z" },
  };
}

afterEach(() => api.setSession(null));

describe("api client", () => {
  it("refreshes once on 401 and replays the call with the new token", async () => {
    api.setSession(session("old"));
    const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
      const auth = new Headers(init.headers).get("Authorization");
      if (url === "/api/v1/auth/refresh") return json(200, session("new"));
      return auth === "Bearer new" ? json(200, { ok: true }) : json(401, { error: { code: "invalid_token", message: "expired" } });
    });
    vi.stubGlobal("fetch", fetchMock);

    const [first, second] = await Promise.all([api.get("/me"), api.get("/me/subscriptions")]);

    expect(first).toEqual({ ok: true });
    expect(second).toEqual({ ok: true });
    expect(fetchMock.mock.calls.filter(([url]) => url === "/api/v1/auth/refresh")).toHaveLength(1);
    expect(api.token).toBe("new");
  });

  it("ends the session when the refresh is refused", async () => {
    api.setSession(session("old"));
    const seen: (Session | null)[] = [];
    const unsubscribe = api.onSession((s) => seen.push(s));
    vi.stubGlobal("fetch", vi.fn(async () => json(401, { error: { code: "invalid_token", message: "no" } })));

    await expect(api.get("/me")).rejects.toMatchObject({ status: 401, code: "invalid_token" });
    expect(seen).toEqual([null]);
    expect(api.token).toBeNull();
    unsubscribe();
  });

  it("keeps the session when the refresh meets an outage rather than a refusal", async () => {
    api.setSession(session("old"));
    const seen: (Session | null)[] = [];
    const unsubscribe = api.onSession((s) => seen.push(s));
    vi.stubGlobal(
      "fetch",
      vi.fn(async (url: string) =>
        url === "/api/v1/auth/refresh"
          ? json(503, { error: { code: "unavailable", message: "down" } }, { "Retry-After": "5" })
          : json(401, { error: { code: "invalid_token", message: "expired" } }),
      ),
    );

    await expect(api.get("/me")).rejects.toMatchObject({ status: 503, code: "unavailable" });
    expect(seen).toEqual([]);
    expect(api.token).toBe("old");
    unsubscribe();
  });

  it("replays a call refused for a token that another call has already renewed, without refreshing again", async () => {
    api.setSession(session("old"));
    let answerStale: (response: Response) => void = () => undefined;
    const fetchMock = vi.fn(async (url: string, init: RequestInit) => {
      const auth = new Headers(init.headers).get("Authorization");
      if (url === "/api/v1/auth/refresh") return json(200, session("new"));
      if (auth === "Bearer new") return json(200, { ok: true });
      if (url === "/api/v1/me/subscriptions") return new Promise<Response>((resolve) => (answerStale = resolve));
      return json(401, { error: { code: "invalid_token", message: "expired" } });
    });
    vi.stubGlobal("fetch", fetchMock);

    const slow = api.get("/me/subscriptions");
    await api.get("/me");
    answerStale(json(401, { error: { code: "invalid_token", message: "expired" } }));

    expect(await slow).toEqual({ ok: true });
    expect(fetchMock.mock.calls.filter(([url]) => url === "/api/v1/auth/refresh")).toHaveLength(1);
  });

  it("turns the API's error body into an ApiError with details and Retry-After", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () =>
        json(429, { error: { code: "rate_limited", message: "slow down", details: [{ field: "code", message: "x" }] } }, { "Retry-After": "30" }),
      ),
    );
    const error = await api.post("/hotelier/redemptions/use", { code: "x" }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).retryAfterSeconds).toBe(30);
    expect((error as ApiError).fieldMessage("code")).toBe("x");
    expect(errorMessage(error)).toBe("Too many attempts. Try again in 30 seconds.");
  });

  it("keeps the extra members of an error body (when and by whom a code was used)", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => json(409, { error: { code: "already_used", message: "used", request_id: "q", used_at: "2026-11-22T10:00:00Z", used_by: "Ana" } })),
    );
    const error = await api.post("/hotelier/redemptions/use", { code: "x" }).catch((e: unknown) => e);
    expect((error as ApiError).extra).toEqual({ used_at: "2026-11-22T10:00:00Z", used_by: "Ana" });
  });

  it("hands a file back with its headers", async () => {
    vi.stubGlobal(
      "fetch",
      vi.fn(async () => new Response("a,b", { headers: { "Content-Type": "text/csv", "Content-Disposition": 'attachment; filename="r.csv"' } })),
    );
    const { blob, headers } = await api.file("/hotelier/reports/1/download");
    expect(await blob.text()).toBe("a,b");
    expect(headers.get("Content-Disposition")).toBe('attachment; filename="r.csv"');
  });

  it("says the server is unreachable when the network fails", async () => {
    vi.stubGlobal("fetch", vi.fn(async () => Promise.reject(new TypeError("Failed to fetch"))));
    const error = await api.get("/coupons").catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "unreachable", status: 0 });
    expect(errorMessage(error)).toMatch(/Cannot reach Hotel Coupon/);
  });

  it("maps the API's domain errors to plain words", () => {
    expect(errorMessage(new ApiError(409, "sold_out", "server words"))).toMatch(/^Sold out/);
    expect(errorMessage(new ApiError(409, "something_new", "The server's own words"))).toBe("The server's own words");
  });
});

describe("queryString", () => {
  it("drops empty values and encodes the rest", () => {
    expect(queryString({ q: "sea view", city: "", limit: 20, cursor: null })).toBe("?q=sea+view&limit=20");
    expect(queryString({})).toBe("");
  });
});
