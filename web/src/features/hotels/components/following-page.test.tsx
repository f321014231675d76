import { screen, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import { paths } from "@/config/paths";
import { jsonResponse, renderScreen, stubApi } from "@/testing/render";

import { FollowingPage } from "./following-page";

const followed = [
  { hotel: { id: "h1", name: "Green Hotel", city: "Porto" }, since: "2026-11-22T10:00:00Z", source: "redeem" },
  { hotel: { id: "h2", name: "Dublin Hotel", city: "Dublin" }, since: "2026-11-20T10:00:00Z", source: "manual" },
];

describe("FollowingPage", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("lists the hotels you follow and unfollows one, with a way back", async () => {
    const deleted: string[] = [];
    stubApi((url, init) => {
      if (url.pathname === "/api/v1/me/subscriptions") return jsonResponse({ items: followed, next_cursor: null });
      const match = /^\/api\/v1\/hotels\/(\w+)\/subscription$/.exec(url.pathname);
      if (match?.[1] !== undefined && init.method === "DELETE") {
        deleted.push(match[1]);
        return new Response(null, { status: 204 });
      }
      return undefined;
    });
    renderScreen(<FollowingPage />, { path: paths.following, at: paths.following });

    const green = (await screen.findByRole("link", { name: "Green Hotel" })).closest("li");
    expect(green).not.toBeNull();
    if (green === null) return;
    expect(within(green).getByRole("link", { name: "Green Hotel" }).getAttribute("href")).toBe("/hotels/h1");
    expect(within(green).getByText("Porto")).toBeTruthy();
    expect(within(green).getByText(/followed when you claimed a coupon/)).toBeTruthy();

    await userEvent.click(within(green).getByRole("button", { name: "Unfollow" }));
    expect(await within(green).findByRole("button", { name: "Follow again" })).toBeTruthy();
    expect(deleted).toEqual(["h1"]);
    expect(screen.getByRole("link", { name: "Dublin Hotel" })).toBeTruthy();
  });

  it("points to Discover when you follow no one", async () => {
    stubApi((url) => (url.pathname === "/api/v1/me/subscriptions" ? jsonResponse({ items: [], next_cursor: null }) : undefined));
    renderScreen(<FollowingPage />, { path: paths.following, at: paths.following });
    expect(await screen.findByText("You do not follow any hotels yet")).toBeTruthy();
    expect(screen.getByRole("link", { name: "Discover coupons" }).getAttribute("href")).toBe(paths.discover);
  });
});
