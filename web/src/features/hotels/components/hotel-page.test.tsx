import { screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import { paths } from "@/config/paths";
import { makeCoupon } from "@/testing/fixtures";
import { fetchedUrls, jsonResponse, renderScreen, stubApi } from "@/testing/render";

import { HotelPage } from "./hotel-page";

const hotel = {
  id: "h1",
  name: "Green Hotel",
  city: "Porto",
  country: "Portugal",
  timezone: "Europe/Lisbon",
  description: "An eco-certified hotel by the Douro river.",
  logo_url: "/media/logos/green.png",
  active_coupons: 1,
  followers: 41,
};

function hotelApi() {
  let following = false;
  const calls: string[] = [];
  const fetchMock = stubApi((url, init) => {
    const method = init.method ?? "GET";
    if (url.pathname === "/api/v1/hotels/h1") return jsonResponse({ ...hotel, followers: hotel.followers + (following ? 1 : 0) });
    if (url.pathname === "/api/v1/coupons") return jsonResponse({ items: [makeCoupon({ title: "Douro valley by bike" })], next_cursor: null });
    if (url.pathname === "/api/v1/me/subscriptions") {
      const items = following ? [{ hotel: { id: "h1", name: "Green Hotel", city: "Porto" }, since: "2026-11-22T10:00:00Z", source: "manual" }] : [];
      return jsonResponse({ items, next_cursor: null });
    }
    if (url.pathname === "/api/v1/hotels/h1/subscription") {
      calls.push(method);
      following = method === "PUT";
      return method === "PUT"
        ? jsonResponse({ hotel_id: "h1", since: "2026-11-22T10:00:00Z", source: "manual" })
        : new Response(null, { status: 204 });
    }
    return undefined;
  });
  return { fetchMock, calls };
}

describe("HotelPage", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("shows the hotel, its followers and its coupons", async () => {
    const { fetchMock } = hotelApi();
    renderScreen(<HotelPage />, { path: paths.hotel, at: "/hotels/h1" });
    expect(await screen.findByRole("heading", { level: 1, name: "Green Hotel" })).toBeTruthy();
    expect(screen.getByRole("img", { name: "Green Hotel logo" })).toBeTruthy();
    expect(screen.getByText("Porto, Portugal")).toBeTruthy();
    expect(screen.getByText("41 followers")).toBeTruthy();
    const card = await screen.findByRole("heading", { level: 3, name: "Douro valley by bike" });
    expect(card.closest("a")?.getAttribute("href")).toBe("/coupons/c1");
    expect(fetchedUrls(fetchMock).find((url) => url.pathname === "/api/v1/coupons")?.searchParams.get("hotel_id")).toBe("h1");
  });

  it("follows and unfollows with one toggle button", async () => {
    const { calls } = hotelApi();
    renderScreen(<HotelPage />, { path: paths.hotel, at: "/hotels/h1" });
    const follow = await screen.findByRole("button", { name: "Follow" });
    expect(follow.getAttribute("aria-pressed")).toBe("false");

    await userEvent.click(follow);
    const following = await screen.findByRole("button", { name: "Following" });
    expect(following.getAttribute("aria-pressed")).toBe("true");
    expect(calls).toEqual(["PUT"]);
    expect(await screen.findByText("42 followers")).toBeTruthy();

    await userEvent.click(following);
    await waitFor(() => expect(screen.getByRole("button", { name: "Follow" }).getAttribute("aria-pressed")).toBe("false"));
    expect(calls).toEqual(["PUT", "DELETE"]);
  });
});
