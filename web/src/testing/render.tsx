import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { render, type RenderResult } from "@testing-library/react";
import type { ReactElement } from "react";
import { createMemoryRouter, RouterProvider } from "react-router";
import { vi, type Mock } from "vitest";

// Helpers for screen tests: a fake API behind a stubbed fetch, and a screen rendered with a fresh query cache and a
// router at a given address.

export type FakeRoute = (url: URL, init: RequestInit) => Response | Promise<Response> | undefined;

export function jsonResponse(body: unknown, status = 200): Response {
  return new Response(JSON.stringify(body), { status, headers: { "Content-Type": "application/json" } });
}

export function errorResponse(status: number, code: string, message = code): Response {
  return jsonResponse({ error: { code, message, request_id: "test" } }, status);
}

/** Replaces fetch with `route`, which answers each call (undefined → 404); returns the mock to inspect the calls. */
export function stubApi(route: FakeRoute): Mock<(input: RequestInfo | URL, init?: RequestInit) => Promise<Response>> {
  const mock = vi.fn(async (input: RequestInfo | URL, init: RequestInit = {}) => {
    const href = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const answer = await route(new URL(href, "http://localhost"), init);
    return answer ?? errorResponse(404, "not_found");
  });
  vi.stubGlobal("fetch", mock);
  return mock;
}

/** The URLs fetched so far, as URL objects (for asserting paths and query parameters). */
export function fetchedUrls(mock: Mock): URL[] {
  return mock.mock.calls.map(([input]) => new URL(String(input), "http://localhost"));
}

/** Object URLs are not in jsdom; a QR image gets a fake one. */
export function stubObjectUrls(): void {
  Object.defineProperty(URL, "createObjectURL", { configurable: true, writable: true, value: vi.fn(() => "blob:fake-qr") });
  Object.defineProperty(URL, "revokeObjectURL", { configurable: true, writable: true, value: vi.fn() });
}

export function renderScreen(element: ReactElement, { path, at }: { path: string; at: string }): RenderResult & { queryClient: QueryClient } {
  const queryClient = new QueryClient({ defaultOptions: { queries: { retry: false }, mutations: { retry: false } } });
  const router = createMemoryRouter(
    [
      { path, element },
      { path: "*", element: <p>Elsewhere</p> },
    ],
    { initialEntries: [at] },
  );
  const result = render(
    <QueryClientProvider client={queryClient}>
      <RouterProvider router={router} />
    </QueryClientProvider>,
  );
  return { ...result, queryClient };
}
