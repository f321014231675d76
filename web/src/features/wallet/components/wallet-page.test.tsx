import { act, screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";

import { paths } from "@/config/paths";
import { emitNotification, resetFakeLive } from "@/testing/fake-live";
import { makeCoupon, makeRedemption } from "@/testing/fixtures";
import { fetchedUrls, jsonResponse, renderScreen, stubApi, stubObjectUrls } from "@/testing/render";
import type { Redemption } from "@/types/api";

import { WalletPage } from "./wallet-page";

vi.mock("@/lib/live", () => import("@/testing/fake-live"));

function fakeServer() {
  const redemptions: Redemption[] = [
    makeRedemption({ id: "r1", code: "AAAABBBBCCCC", coupon: makeCoupon({ id: "c1", title: "Douro valley by bike" }) }),
    makeRedemption({
      id: "r2",
      status: "used",
      used_at: "2026-11-21T10:00:00Z",
      coupon: makeCoupon({ id: "c2", title: "Rooftop cocktails" }),
    }),
    makeRedemption({
      id: "r3",
      status: "cancelled",
      cancelled_at: "2026-11-20T10:00:00Z",
      coupon: makeCoupon({ id: "c3", title: "Spa afternoon" }),
    }),
  ];
  const fetchMock = stubApi((url, init) => {
    if (url.pathname === "/api/v1/me/redemptions") {
      const status = url.searchParams.get("status");
      return jsonResponse({ items: redemptions.filter((r) => r.status === status), next_cursor: null });
    }
    const cancel = /^\/api\/v1\/redemptions\/(\w+)\/cancel$/.exec(url.pathname);
    if (cancel !== null && init.method === "POST") {
      const found = redemptions.find((r) => r.id === cancel[1]);
      if (found === undefined) return undefined;
      Object.assign(found, { status: "cancelled", cancelled_at: "2026-11-22T11:00:00Z" });
      return jsonResponse({ redemption: found });
    }
    if (url.pathname.endsWith("/qr.svg")) return new Response("<svg/>", { headers: { "Content-Type": "image/svg+xml" } });
    return undefined;
  });
  const useAtDesk = (id: string) => {
    const found = redemptions.find((r) => r.id === id);
    if (found !== undefined) Object.assign(found, { status: "used", used_at: "2026-11-22T12:00:00Z" });
    act(() =>
      emitNotification({
        id: `n-${id}`,
        kind: "coupon.used",
        title: "Your coupon was used",
        body: "",
        data: { redemption_id: id, coupon_id: "c1" },
        created_at: "2026-11-22T12:00:00Z",
        read: false,
      }),
    );
  };
  return { fetchMock, useAtDesk };
}

describe("WalletPage", () => {
  beforeEach(() => {
    resetFakeLive();
    stubObjectUrls();
  });
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("groups claims into ready, used and cancelled", async () => {
    fakeServer();
    renderScreen(<WalletPage />, { path: paths.wallet, at: paths.wallet });
    const ready = await screen.findByTestId("wallet-ready");
    expect(within(ready).getByRole("heading", { level: 2, name: "Ready to use" })).toBeTruthy();
    expect(within(ready).getByText("Douro valley by bike")).toBeTruthy();
    expect(within(ready).getByText("AAAA-BBBB-CCCC")).toBeTruthy();
    expect(await within(ready).findByRole("img", { name: "QR code for your coupon" })).toBeTruthy();
    expect(within(screen.getByTestId("wallet-used")).getByText("Rooftop cocktails")).toBeTruthy();
    const usedAt = within(screen.getByTestId("wallet-used")).getByText(/2026/, { selector: "time" });
    expect(usedAt.getAttribute("datetime")).toBe("2026-11-21T10:00:00Z");
    expect(within(screen.getByTestId("wallet-cancelled")).getByText("Spa afternoon")).toBeTruthy();
  });

  it("moves a claim to Used when the desk uses it, and the open desk view says so", async () => {
    const { useAtDesk } = fakeServer();
    renderScreen(<WalletPage />, { path: paths.wallet, at: paths.wallet });
    const ready = await screen.findByTestId("wallet-ready");
    const show = within(ready).getByRole("button", { name: "Show at the desk" });
    await userEvent.click(show);

    const dialog = screen.getByRole("dialog", { name: "Douro valley by bike" });
    expect(dialog.getAttribute("aria-modal")).toBe("true");
    expect(within(dialog).getByTestId("desk-code").textContent).toBe("AAAA-BBBB-CCCC");
    expect(document.activeElement).toBe(within(dialog).getByRole("button", { name: "Close" }));

    useAtDesk("r1");
    expect(await within(dialog).findByText("Used ✓")).toBeTruthy();
    await waitFor(() => expect(within(screen.getByTestId("wallet-used")).getByText("Douro valley by bike")).toBeTruthy());
    expect(within(screen.getByTestId("wallet-ready")).queryByText("Douro valley by bike")).toBeNull();

    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
  });

  it("keeps the focus inside the desk view and gives it back on Escape", async () => {
    fakeServer();
    renderScreen(<WalletPage />, { path: paths.wallet, at: paths.wallet });
    const show = await screen.findByRole("button", { name: "Show at the desk" });
    await userEvent.click(show);
    const close = within(screen.getByRole("dialog")).getByRole("button", { name: "Close" });
    await userEvent.tab();
    expect(document.activeElement).toBe(close);
    await userEvent.tab({ shift: true });
    expect(document.activeElement).toBe(close);
    await userEvent.keyboard("{Escape}");
    expect(screen.queryByRole("dialog")).toBeNull();
    expect(document.activeElement).toBe(show);
  });

  it("cancels a claim after asking once more", async () => {
    const { fetchMock } = fakeServer();
    renderScreen(<WalletPage />, { path: paths.wallet, at: paths.wallet });
    const ready = await screen.findByTestId("wallet-ready");
    await userEvent.click(within(ready).getByRole("button", { name: "Cancel claim" }));
    expect(fetchedUrls(fetchMock).some((url) => url.pathname.endsWith("/cancel"))).toBe(false);
    expect(document.activeElement).toBe(within(ready).getByRole("button", { name: "Keep it" }));

    await userEvent.click(within(ready).getByRole("button", { name: "Yes, cancel claim" }));
    await waitFor(() => expect(within(screen.getByTestId("wallet-cancelled")).getByText("Douro valley by bike")).toBeTruthy());
    expect(within(screen.getByTestId("wallet-ready")).getByText("No coupons ready to use")).toBeTruthy();
    expect(screen.getByText("Claim cancelled: Douro valley by bike.")).toBeTruthy();
  });
});
