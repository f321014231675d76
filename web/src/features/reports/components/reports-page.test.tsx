import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import { addDays, isoDate } from "@/lib/format";
import { emitNotification, resetFakeLive } from "@/testing/fake-live";
import { apiError, json, renderHotelierScreen, routes, testHotelier, type RouteRequest } from "@/testing/hotelier";
import { stubApi, stubObjectUrls } from "@/testing/render";

import type { Report } from "../api/get-reports";
import { ReportsPage } from "./reports-page";

vi.mock("@/lib/session", async () => {
  const { testHotelier: hotelier } = await import("@/testing/hotelier");
  return { useUser: () => hotelier };
});
vi.mock("@/lib/live", () => import("@/testing/fake-live"));

afterEach(resetFakeLive);

const ready: Report = {
  id: "r1",
  from: "2026-10-01",
  to: "2026-10-31",
  format: "pdf",
  status: "ready",
  attempts: 1,
  created_at: "2026-11-01T09:00:00Z",
  finished_at: "2026-11-01T09:00:02Z",
  size_bytes: 48_000,
};
const running: Report = { ...ready, id: "r2", format: "csv", status: "running", size_bytes: undefined, finished_at: undefined };

function setup(create: () => Response = () => json(202, { report: { ...running, id: "r3", status: "queued" } })) {
  const seen: RouteRequest[] = [];
  let polls = 0;
  stubApi(
    routes(
      {
        "GET /hotelier/reports": () => json(200, { items: polls >= 2 ? [{ ...running, status: "ready", size_bytes: 2048 }, ready] : [running, ready] }),
        "GET /hotelier/reports/r2": () => {
          polls++;
          return json(200, polls >= 2 ? { ...running, status: "ready", size_bytes: 2048 } : running);
        },
        "GET /hotelier/reports/r1/download": () =>
          new Response(new Blob(["%PDF"]), {
            headers: { "Content-Type": "application/pdf", "Content-Disposition": `attachment; filename="dublin.pdf"; filename*=UTF-8''Dublin%20Hotel%20Oct.pdf` },
          }),
        "POST /hotelier/reports": create,
      },
      seen,
    ),
  );
  renderHotelierScreen(<ReportsPage />, { path: "/reports", at: "/reports" });
  return seen;
}

describe("ReportsPage", () => {
  it("defaults to the last 30 days and creates a report with an Idempotency-Key", async () => {
    const seen = setup();
    const today = isoDate(new Date(), testHotelier.hotel?.timezone);
    expect(screen.getByLabelText("From")).toHaveProperty("value", addDays(today, -29));
    expect(screen.getByLabelText("To")).toHaveProperty("value", today);
    const user = userEvent.setup();
    await user.selectOptions(screen.getByRole("combobox", { name: "Format" }), "csv");
    await user.click(screen.getByRole("button", { name: "Create report" }));
    await waitFor(() => expect(seen.find((r) => r.method === "POST")?.body).toEqual({ from: addDays(today, -29), to: today, format: "csv" }));
    expect(seen.find((r) => r.method === "POST")?.headers.get("Idempotency-Key")).toBeTruthy();
  });

  it("says clearly when five reports are already being prepared", async () => {
    setup(() => apiError(429, "rate_limited", { headers: { "Retry-After": "20" } }));
    await userEvent.setup().click(screen.getByRole("button", { name: "Create report" }));
    expect((await screen.findByRole("alert")).textContent).toContain("You already have 5 reports being prepared");
  });

  it("shows progress on an unfinished report and follows it until it is ready", async () => {
    setup();
    const table = await screen.findByRole("table");
    const rows = within(table).getAllByRole("row");
    expect(rows[1]?.textContent).toContain("running");
    expect(within(table).getByRole("progressbar", { name: "Being prepared" })).toBeTruthy();
    await waitFor(() => expect(within(table).getAllByRole("button", { name: "Download" })).toHaveLength(2), { timeout: 4000 });
  });

  it("downloads a ready report under the server's file name", async () => {
    stubObjectUrls();
    setup();
    const names: string[] = [];
    vi.spyOn(HTMLAnchorElement.prototype, "click").mockImplementation(function (this: HTMLAnchorElement) {
      names.push(this.download);
    });
    const [download] = await screen.findAllByRole("button", { name: "Download" });
    if (download === undefined) throw new Error("no Download button");
    await userEvent.setup().click(download);
    await waitFor(() => expect(names).toEqual(["Dublin Hotel Oct.pdf"]));
  });

  it("fetches the list again when a report.ready notification arrives", async () => {
    const seen = setup();
    await screen.findByRole("table");
    const before = seen.filter((r) => r.path === "/hotelier/reports").length;
    emitNotification({ id: "n1", kind: "report.ready", title: "Ready", body: "", data: { report_id: "r2" }, created_at: new Date().toISOString(), read: false });
    await waitFor(() => expect(seen.filter((r) => r.path === "/hotelier/reports").length).toBeGreaterThan(before));
  });
});
