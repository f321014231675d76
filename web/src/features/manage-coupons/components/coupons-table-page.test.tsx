import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it } from "vitest";

import { makeCoupon } from "@/testing/fixtures";
import { json, renderHotelierScreen, routes, type RouteRequest } from "@/testing/hotelier";
import { stubApi } from "@/testing/render";

import type { CouponWithStats } from "../api/get-own-coupons";
import { CouponsTablePage } from "./coupons-table-page";

const winter: CouponWithStats = {
  ...makeCoupon({ id: "c1", title: "Winter escape", discount_percent: 30, quantity: 40, remaining: 39, status: "active" }),
  stats: { views: 120, redemptions: 7, uses: 3 },
};
const draft: CouponWithStats = {
  ...makeCoupon({ id: "c2", title: "St Patrick's Day", quantity: null, remaining: null, status: "draft" }),
  stats: { views: 0, redemptions: 0, uses: 0 },
};

function setup() {
  const seen: RouteRequest[] = [];
  stubApi(
    routes(
      {
        "GET /hotelier/coupons": ({ url }) => {
          const status = url.searchParams.get("status");
          const items = [winter, draft].filter((coupon) => status === null || coupon.status === status);
          return json(200, { items, next_cursor: null });
        },
        "PATCH /coupons/:id": ({ params, body }) => json(200, { ...winter, id: params.id, ...(body as object) }),
      },
      seen,
    ),
  );
  renderHotelierScreen(<CouponsTablePage />, { path: "/manage/coupons", at: "/manage/coupons" });
  return seen;
}

function rowOf(title: string): HTMLElement {
  const row = screen.getByRole("rowheader", { name: title }).closest("tr");
  if (row === null) throw new Error(`no row for ${title}`);
  return row;
}

describe("CouponsTablePage", () => {
  it("lists every coupon with its status, discount, what is left and its figures", async () => {
    setup();
    await screen.findByRole("rowheader", { name: "Winter escape" });
    const row = within(rowOf("Winter escape"));
    expect(row.getByText("active")).toBeTruthy();
    expect(row.getByText("30%")).toBeTruthy();
    expect(rowOf("Winter escape").textContent).toContain("39 of 40");
    expect(row.getByText("120")).toBeTruthy();
    expect(rowOf("St Patrick's Day").textContent).toContain("Unlimited");
    expect(screen.getByRole("link", { name: "New coupon" }).getAttribute("href")).toBe("/manage/coupons/new");
    expect(row.getByRole("link", { name: "Edit" }).getAttribute("href")).toBe("/manage/coupons/c1");
    expect(within(rowOf("St Patrick's Day")).getByRole("button", { name: "Publish" })).toBeTruthy();
  });

  it("pauses a coupon", async () => {
    const seen = setup();
    const user = userEvent.setup();
    await screen.findByRole("rowheader", { name: "Winter escape" });
    await user.click(within(rowOf("Winter escape")).getByRole("button", { name: "Pause" }));
    await waitFor(() => expect(seen.find((r) => r.path === "/coupons/c1")?.body).toEqual({ status: "paused" }));
    expect(await screen.findByText("Coupon paused")).toBeTruthy();
  });

  it("archives only after a confirmation", async () => {
    const seen = setup();
    const user = userEvent.setup();
    await screen.findByRole("rowheader", { name: "Winter escape" });
    await user.click(within(rowOf("Winter escape")).getByRole("button", { name: "Archive" }));
    expect(seen.some((r) => r.path === "/coupons/c1")).toBe(false);
    const confirm = within(rowOf("Winter escape")).getByRole("button", { name: "Confirm archive" });
    expect(document.activeElement).toBe(confirm);
    await user.click(confirm);
    await waitFor(() => expect(seen.find((r) => r.path === "/coupons/c1")?.body).toEqual({ status: "archived" }));
  });

  it("filters by status", async () => {
    const seen = setup();
    const user = userEvent.setup();
    await screen.findByRole("rowheader", { name: "Winter escape" });
    await user.selectOptions(screen.getByRole("combobox", { name: "Status" }), "draft");
    await waitFor(() => expect(screen.queryByRole("rowheader", { name: "Winter escape" })).toBeNull());
    expect(seen.at(-1)?.url.searchParams.get("status")).toBe("draft");
  });
});
