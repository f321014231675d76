import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, describe, expect, it, vi } from "vitest";

import { paths } from "@/config/paths";
import { makeCoupon } from "@/testing/fixtures";
import { errorResponse, fetchedUrls, jsonResponse, renderScreen, stubApi } from "@/testing/render";

import { DiscoverPage } from "./discover-page";

const firstPage = {
  items: [
    makeCoupon({ id: "c1", title: "Douro valley by bike", remaining: 12 }),
    makeCoupon({
      id: "c2",
      title: "Rooftop cocktails",
      remaining: null,
      image_url: null,
      hotel: { id: "h2", name: "Barcelona Hotel", city: "Barcelona", timezone: "Europe/Madrid" },
    }),
  ],
  next_cursor: "page-2",
};
const secondPage = { items: [makeCoupon({ id: "c3", title: "Spa afternoon", remaining: 0 })], next_cursor: null };

function searchApi() {
  return stubApi((url) => {
    if (url.pathname !== "/api/v1/coupons") return undefined;
    if (url.searchParams.get("cursor") === "page-2") return jsonResponse(secondPage);
    if (url.searchParams.get("q") === "nothing") return jsonResponse({ items: [], next_cursor: null });
    return jsonResponse(firstPage);
  });
}

describe("DiscoverPage", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("shows coupons as linked cards and asks for the next page with the cursor", async () => {
    const fetchMock = searchApi();
    renderScreen(<DiscoverPage />, { path: paths.discover, at: paths.discover });

    const card = (await screen.findByRole("heading", { name: "Douro valley by bike" })).closest("a");
    expect(card).not.toBeNull();
    if (card === null) return;
    expect(card.getAttribute("href")).toBe("/coupons/c1");
    expect(within(card).getByText("-25%")).toBeTruthy();
    expect(within(card).getByText("12 left")).toBeTruthy();
    expect(within(card).getByText(/^Ends /)).toBeTruthy();
    expect(within(card).getByText("Green Hotel · Porto")).toBeTruthy();
    expect(screen.getByText("Unlimited")).toBeTruthy();
    expect(fetchedUrls(fetchMock)[0]?.searchParams.get("limit")).toBe("20");

    await userEvent.click(screen.getByRole("button", { name: "Load more" }));
    expect(await screen.findByRole("heading", { name: "Spa afternoon" })).toBeTruthy();
    expect(screen.getByText("Sold out")).toBeTruthy();
    expect(fetchedUrls(fetchMock).some((url) => url.searchParams.get("cursor") === "page-2")).toBe(true);
    expect(screen.queryByRole("button", { name: "Load more" })).toBeNull();
  });

  it("loads the next page when the end of the list scrolls into view", async () => {
    const observed: ((entries: { isIntersecting: boolean }[]) => void)[] = [];
    vi.stubGlobal(
      "IntersectionObserver",
      class {
        constructor(callback: (entries: { isIntersecting: boolean }[]) => void) {
          observed.push(callback);
        }
        observe() {
          // The fake reports on demand below.
        }
        disconnect() {
          // Nothing to release.
        }
      },
    );
    const fetchMock = searchApi();
    renderScreen(<DiscoverPage />, { path: paths.discover, at: paths.discover });
    await screen.findByRole("heading", { name: "Douro valley by bike" });
    await waitFor(() => expect(observed.length).toBeGreaterThan(0));
    observed.at(-1)?.([{ isIntersecting: true }]);
    expect(await screen.findByRole("heading", { name: "Spa afternoon" })).toBeTruthy();
    expect(fetchedUrls(fetchMock).filter((url) => url.searchParams.get("cursor") === "page-2")).toHaveLength(1);
  });

  it("searches as you type, after a pause, and says so when nothing matches", async () => {
    const fetchMock = searchApi();
    renderScreen(<DiscoverPage />, { path: paths.discover, at: `${paths.discover}?city=Porto` });
    await screen.findByRole("heading", { name: "Douro valley by bike" });
    expect(screen.getByLabelText<HTMLInputElement>("City").value).toBe("Porto");

    await userEvent.type(screen.getByRole("searchbox", { name: "Search coupons" }), "nothing");
    expect(await screen.findByText("No coupons match your search")).toBeTruthy();
    const searches = fetchedUrls(fetchMock).filter((url) => url.searchParams.has("q"));
    // One request for the whole word, not one per key.
    expect(searches.map((url) => url.searchParams.get("q"))).toEqual(["nothing"]);
    expect(searches[0]?.searchParams.get("city")).toBe("Porto");
  });

  it("offers relevance only with search words and sends the chosen filters", async () => {
    const fetchMock = searchApi();
    renderScreen(<DiscoverPage />, { path: paths.discover, at: paths.discover });
    await screen.findByRole("heading", { name: "Douro valley by bike" });
    const sort = screen.getByLabelText("Sort");
    expect(within(sort).queryByRole("option", { name: "Best match" })).toBeNull();

    await userEvent.selectOptions(sort, "ending_soon");
    await userEvent.selectOptions(screen.getByLabelText("Minimum discount"), "30");
    await waitFor(() => {
      const last = fetchedUrls(fetchMock).at(-1);
      expect(last?.searchParams.get("sort")).toBe("ending_soon");
      expect(last?.searchParams.get("min_discount")).toBe("30");
    });
  });

  it("explains a failure and tries again", async () => {
    let fail = true;
    stubApi(() => (fail ? errorResponse(503, "unavailable") : jsonResponse(firstPage)));
    renderScreen(<DiscoverPage />, { path: paths.discover, at: paths.discover });
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("briefly unavailable");
    fail = false;
    await userEvent.click(within(alert).getByRole("button", { name: "Try again" }));
    expect(await screen.findByRole("heading", { name: "Douro valley by bike" })).toBeTruthy();
  });
});
