import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { StrictMode } from "react";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { paths } from "@/config/paths";
import { emitNotification, resetFakeLive, sentInteractions } from "@/testing/fake-live";
import { makeCoupon, makeRedemption } from "@/testing/fixtures";
import { errorResponse, jsonResponse, renderScreen, stubApi, stubObjectUrls } from "@/testing/render";

import { CouponPage } from "./coupon-page";

vi.mock("@/lib/live", () => import("@/testing/fake-live"));

const coupon = makeCoupon({
  id: "c1",
  stay_from: "2026-12-05",
  stay_until: "2026-12-20",
  valid_from: "2026-01-01T00:00:00Z",
  valid_until: "2099-12-31T23:59:59Z",
});

function couponApi(redeem: (init: RequestInit) => Response) {
  return stubApi((url, init) => {
    if (url.pathname === "/api/v1/coupons/c1" && (init.method ?? "GET") === "GET") return jsonResponse(coupon);
    if (url.pathname === "/api/v1/coupons/c1/redeem" && init.method === "POST") return redeem(init);
    if (url.pathname === "/api/v1/redemptions/r1/qr.svg") {
      return new Response("<svg/>", { headers: { "Content-Type": "image/svg+xml" } });
    }
    return undefined;
  });
}

function keyOf(init: RequestInit): string | null {
  return new Headers(init.headers).get("Idempotency-Key");
}

const at = `/coupons/c1`;

describe("CouponPage", () => {
  beforeEach(() => {
    resetFakeLive();
    stubObjectUrls();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("shows the coupon and counts one view, even under StrictMode", async () => {
    couponApi(() => errorResponse(500, "internal"));
    renderScreen(
      <StrictMode>
        <CouponPage />
      </StrictMode>,
      { path: paths.coupon, at },
    );
    expect(await screen.findByRole("heading", { level: 1, name: "Douro valley by bike" })).toBeTruthy();
    expect(screen.getByRole("link", { name: "Green Hotel" }).getAttribute("href")).toBe("/hotels/h1");
    expect(screen.getByText("-25%")).toBeTruthy();
    expect(screen.getByText("12 left")).toBeTruthy();
    expect(screen.getByText(/^Valid .+ – .+/)).toBeTruthy();
    expect(screen.getByText(/^Stay .+ – .+/)).toBeTruthy();
    expect(screen.getByText(/Lisbon time \(Europe\/Lisbon\)/)).toBeTruthy();
    expect(screen.getByRole("heading", { name: "Terms" })).toBeTruthy();
    await waitFor(() => expect(sentInteractions).toEqual([{ couponId: "c1", action: "view" }]));
  });

  it("claims with an idempotency key and shows the code and its QR at once", async () => {
    const keys: (string | null)[] = [];
    couponApi((init) => {
      keys.push(keyOf(init));
      return jsonResponse({ redemption: makeRedemption({ id: "r1", code: "7KQ2M9XD4T1R", coupon }) }, 201);
    });
    renderScreen(<CouponPage />, { path: paths.coupon, at });

    await userEvent.click(await screen.findByRole("button", { name: "Claim coupon" }));
    expect((await screen.findByTestId("claimed-code")).textContent).toBe("7KQ2-M9XD-4T1R");
    expect(keys).toHaveLength(1);
    expect(keys[0]).toMatch(/^[0-9a-f-]{32,36}$/);
    const qr = await screen.findByRole("img", { name: "QR code for your coupon" });
    expect(qr.getAttribute("src")).toBe("blob:fake-qr");
    expect(screen.getByRole("link", { name: "Open in My coupons" }).getAttribute("href")).toBe(paths.wallet);
    expect(screen.queryByRole("button", { name: "Claim coupon" })).toBeNull();

    emitNotification({
      id: "n1",
      kind: "coupon.used",
      title: "Coupon used",
      body: "",
      data: { redemption_id: "r1" },
      created_at: "2026-12-06T10:00:00Z",
      read: false,
    });
    expect(await screen.findByRole("heading", { name: "Used ✓" })).toBeTruthy();
  });

  it("explains why a claim failed, and a second try uses a new key", async () => {
    const keys: (string | null)[] = [];
    couponApi((init) => {
      keys.push(keyOf(init));
      return errorResponse(409, "sold_out", "This coupon has no redemptions left");
    });
    renderScreen(<CouponPage />, { path: paths.coupon, at });

    const claim = await screen.findByRole("button", { name: "Claim coupon" });
    await userEvent.click(claim);
    const alert = await screen.findByRole("alert");
    expect(alert.textContent).toContain("Sold out");
    await userEvent.click(claim);
    await waitFor(() => expect(keys).toHaveLength(2));
    expect(keys[0]).not.toBe(keys[1]);
    expect(within(alert).queryByRole("button")).toBeNull();
  });

  it("says so when the coupon does not exist", async () => {
    couponApi(() => errorResponse(500, "internal"));
    renderScreen(<CouponPage />, { path: paths.coupon, at: "/coupons/missing" });
    expect((await screen.findByRole("alert")).textContent).toContain("could not find");
    expect(screen.getByRole("link", { name: "Browse other coupons" })).toBeTruthy();
  });
});
