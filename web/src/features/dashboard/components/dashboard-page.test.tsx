import { fireEvent, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import { addDays, isoDate } from "@/lib/format";
import { emitSignal, resetFakeLive } from "@/testing/fake-live";
import { json, renderHotelierScreen, routes, testHotelier, type RouteRequest } from "@/testing/hotelier";
import { stubApi } from "@/testing/render";

import type { Stats } from "../api/get-stats";
import { DashboardPage } from "./dashboard-page";

vi.mock("@/lib/session", async () => {
  const { testHotelier: hotelier } = await import("@/testing/hotelier");
  return { useUser: () => hotelier };
});
vi.mock("@/lib/live", () => import("@/testing/fake-live"));

afterEach(resetFakeLive);

function stats(from: string, to: string): Stats {
  const days = [from, addDays(from, 1), to].slice(0, from === to ? 1 : 3);
  return {
    from,
    to,
    timezone: "Europe/Dublin",
    totals: { views: 1200, redemptions: 60, uses: 15 },
    daily: days.map((date, i) => ({ date, views: 400 * (i + 1), redemptions: 10 * (i + 1), uses: 5 })),
    coupons: [
      { coupon_id: "c1", title: "Winter escape", views: 700, redemptions: 20, uses: 5 },
      { coupon_id: "c2", title: "Spa evening", views: 500, redemptions: 40, uses: 10 },
      { coupon_id: "c3", title: "Quiet one", views: 0, redemptions: 0, uses: 0 },
    ],
  };
}

function setup() {
  const seen: RouteRequest[] = [];
  stubApi(
    routes(
      {
        "GET /hotelier/stats": ({ url }) => json(200, stats(url.searchParams.get("from") ?? "", url.searchParams.get("to") ?? "")),
      },
      seen,
    ),
  );
  renderHotelierScreen(<DashboardPage />, { path: "/dashboard", at: "/dashboard" });
  return seen;
}

describe("DashboardPage", () => {
  it("shows the period's figures as tiles, a chart with a summary, and the top coupons by claims", async () => {
    const seen = setup();
    const today = isoDate(new Date(), testHotelier.hotel?.timezone);
    expect(await screen.findByText("1,200")).toBeTruthy();
    expect(screen.getByText("60")).toBeTruthy();
    expect(screen.getByText("5.0%")).toBeTruthy(); // claim rate: 60 / 1200
    expect(screen.getByText("25.0%")).toBeTruthy(); // use rate: 15 / 60
    expect(seen[0]?.url.searchParams.get("to")).toBe(today);
    expect(seen[0]?.url.searchParams.get("from")).toBe(addDays(today, -29));

    const chart = screen.getByRole("img", { name: /Daily views, claims and uses/ });
    expect(chart.querySelectorAll(".chart-bar")).toHaveLength(3);

    const top = within(screen.getByRole("region", { name: "Top coupons" }));
    const rows = top.getAllByRole("row").slice(1);
    expect(rows.map((row) => within(row).getByRole("link").textContent)).toEqual(["Spa evening", "Winter escape"]);
  });

  it("asks for the last 7 days when that preset is chosen", async () => {
    const seen = setup();
    const today = isoDate(new Date(), testHotelier.hotel?.timezone);
    await screen.findByText("1,200");
    const button = screen.getByRole("button", { name: "Last 7 days" });
    await userEvent.setup().click(button);
    await waitFor(() => expect(seen.at(-1)?.url.searchParams.get("from")).toBe(addDays(today, -6)));
    expect(button.getAttribute("aria-pressed")).toBe("true");
    expect(screen.getByLabelText("From")).toHaveProperty("value", addDays(today, -6));
  });

  it("takes a typed period once it makes sense, and says what is wrong until then", async () => {
    const seen = setup();
    await screen.findByText("1,200");
    fireEvent.change(screen.getByLabelText("From"), { target: { value: "2026-11-30" } });
    fireEvent.change(screen.getByLabelText("To"), { target: { value: "2026-11-20" } });
    expect(await screen.findByText("The end date must be on or after the start date.")).toBeTruthy();
    fireEvent.change(screen.getByLabelText("From"), { target: { value: "2026-11-01" } });
    await waitFor(() => expect(seen.at(-1)?.url.search).toBe("?from=2026-11-01&to=2026-11-20"));
    expect(screen.getByRole("button", { name: "Last 30 days" }).getAttribute("aria-pressed")).toBe("false");
  });

  it("fetches the figures again when the server says they changed", async () => {
    const seen = setup();
    await screen.findByText("1,200");
    const before = seen.length;
    emitSignal("stats.changed");
    await waitFor(() => expect(seen.length).toBeGreaterThan(before));
  });
});
