import type { ReactElement } from "react";

import { ToastProvider } from "@/components/toasts";
import type { User } from "@/types/api";

import { renderScreen, type FakeRoute } from "./render";

// Helpers for the hotelier screens' tests, on top of ./render: a signed-in hotelier for a mocked @/lib/session,
// routes as a table ("GET /hotelier/stats"), error bodies with extra members and headers, and a screen rendered
// with toasts (the hotelier screens confirm their actions with one).

export const testHotelier: User = {
  id: "u-hotelier",
  email: "desk@hotel.example",
  name: "Siobhán Kelly",
  role: "hotelier",
  created_at: "2026-01-01T00:00:00Z",
  hotel: {
    id: "hotel1",
    name: "Dublin Hotel",
    city: "Dublin",
    country: "Ireland",
    timezone: "Europe/Dublin",
    description: "",
    logo_url: null,
  },
};

export interface RouteRequest {
  method: string;
  url: URL;
  /** The path after /api/v1. */
  path: string;
  headers: Headers;
  /** The JSON body parsed, or the raw body (an uploaded File). */
  body: unknown;
  params: Record<string, string>;
}

export type RouteHandler = (request: RouteRequest) => Response | Promise<Response>;

function matchPath(pattern: string, path: string): Record<string, string> | null {
  const want = pattern.split("/");
  const got = path.split("/");
  if (want.length !== got.length) return null;
  const params: Record<string, string> = {};
  for (const [i, segment] of want.entries()) {
    const actual = got[i] ?? "";
    if (segment.startsWith(":")) params[segment.slice(1)] = decodeURIComponent(actual);
    else if (segment !== actual) return null;
  }
  return params;
}

/**
 * A FakeRoute for stubApi from a table keyed "METHOD /path/:param" (paths after /api/v1); every request that
 * matched is pushed to `seen`, so a test can check what was sent.
 */
export function routes(table: Record<string, RouteHandler>, seen: RouteRequest[] = []): FakeRoute {
  return (url, init) => {
    const method = init.method ?? "GET";
    const path = url.pathname.replace(/^\/api\/v1/, "");
    for (const [key, handler] of Object.entries(table)) {
      const [wantMethod = "", pattern = ""] = key.split(" ");
      const params = wantMethod === method ? matchPath(pattern, path) : null;
      if (params === null) continue;
      const raw = init.body;
      const body: unknown = typeof raw === "string" ? JSON.parse(raw) : raw;
      const request = { method, url, path, headers: new Headers(init.headers), body, params };
      seen.push(request);
      return handler(request);
    }
    return undefined;
  };
}

export function json(status: number, body: unknown, headers: Record<string, string> = {}): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json", ...headers } });
}

/** An API error body, with the members some errors add (used_at) and headers (Retry-After). */
export function apiError(status: number, code: string, { message = code, extra = {}, headers = {} }: { message?: string; extra?: Record<string, unknown>; headers?: Record<string, string> } = {}): Response {
  return json(status, { error: { code, message, request_id: "test", ...extra } }, headers);
}

export function renderHotelierScreen(element: ReactElement, where: { path: string; at: string }) {
  return renderScreen(<ToastProvider>{element}</ToastProvider>, where);
}
