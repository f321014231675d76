import { screen, waitFor, within } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { makeCoupon, makeRedemption } from "@/testing/fixtures";
import { apiError, json, renderHotelierScreen, routes, type RouteHandler, type RouteRequest } from "@/testing/hotelier";
import { stubApi } from "@/testing/render";

import { DeskPage } from "./desk-page";

vi.mock("@/lib/session", async () => {
  const { testHotelier } = await import("@/testing/hotelier");
  return { useUser: () => testHotelier };
});

const redemption = makeRedemption({
  code: "7KQ2-M9XD-4T1Z",
  status: "used",
  coupon: makeCoupon({ title: "Winter escape", discount_percent: 30 }),
  used_at: new Date().toISOString(),
});

function setup(use: RouteHandler, log: unknown[] = []) {
  const calls: RouteRequest[] = [];
  stubApi(
    routes(
      {
        "GET /hotelier/desk-log": () => json(200, { items: log, next_cursor: null }),
        "POST /hotelier/redemptions/use": use,
        "POST /hotelier/redemptions/r1/undo": () => json(200, { redemption: { ...redemption, status: "redeemed", used_at: null } }),
      },
      calls,
    ),
  );
  renderHotelierScreen(<DeskPage />, { path: "/desk", at: "/desk" });
  return { calls };
}

async function typeAndUse(code: string) {
  const user = userEvent.setup();
  await user.type(screen.getByRole("textbox", { name: "Coupon code" }), code);
  await user.click(screen.getByRole("button", { name: "Use code" }));
  return user;
}

describe("DeskPage", () => {
  it("formats the code as it is typed", async () => {
    setup(() => json(200, { redemption }));
    const user = userEvent.setup();
    const field = screen.getByRole("textbox", { name: "Coupon code" });
    await user.type(field, "7kq2 m9xdu4t1z");
    expect(field).toHaveProperty("value", "7KQ2-M9XD-4T1Z");
  });

  it("shows Used now with the coupon and the guest, sending the code with an Idempotency-Key", async () => {
    const { calls } = setup(() => json(200, { redemption }));
    await typeAndUse("7kq2m9xd4t1z");
    const result = await screen.findByTestId("desk-result");
    await waitFor(() => expect(result.textContent).toContain("Used now"));
    expect(result.textContent).toContain("Winter escape");
    expect(result.textContent).toContain("Alex Murphy");
    expect(result.getAttribute("role")).toBe("status");
    const use = calls.find((call) => call.path === "/hotelier/redemptions/use");
    expect(use?.body).toEqual({ code: "7KQ2-M9XD-4T1Z" });
    expect(use?.headers.get("Idempotency-Key")).toBeTruthy();
  });

  it("retries the same code with the same Idempotency-Key after a lost answer, and uses a new key for the next", async () => {
    let answers = 0;
    const { calls } = setup(() => (++answers === 1 ? apiError(503, "unavailable") : json(200, { redemption })));
    const user = await typeAndUse("7KQ2M9XD4T1Z");
    await waitFor(() => expect(screen.getByTestId("desk-result").textContent).toContain("Could not check the code"));
    await user.click(screen.getByRole("button", { name: "Use code" }));
    await waitFor(() => expect(screen.getByTestId("desk-result").textContent).toContain("Used now"));
    await user.type(screen.getByRole("textbox", { name: "Coupon code" }), "7KQ2M9XD4T1Z");
    await user.click(screen.getByRole("button", { name: "Use code" }));
    await waitFor(() => expect(calls.filter((call) => call.path === "/hotelier/redemptions/use")).toHaveLength(3));
    const keys = calls.filter((call) => call.path === "/hotelier/redemptions/use").map((call) => call.headers.get("Idempotency-Key"));
    expect(keys[1]).toBe(keys[0]);
    expect(keys[2]).not.toBe(keys[1]);
  });

  it("shows Already used with when and by whom for a 409 already_used", async () => {
    setup(() =>
      apiError(409, "already_used", { extra: { used_at: "2026-11-22T09:15:00Z", used_by: "Siobhán Kelly" } }),
    );
    await typeAndUse("7KQ2M9XD4T1Z");
    const result = screen.getByTestId("desk-result");
    await waitFor(() => expect(result.textContent).toContain("Already used"));
    expect(result.textContent).toContain("by Siobhán Kelly");
  });

  it("catches a typo on this device without asking the server", async () => {
    const { calls } = setup(() => json(200, { redemption }));
    await typeAndUse("7KQ2M9XD4T1Y");
    const result = screen.getByTestId("desk-result");
    expect(result.textContent).toContain("Invalid code");
    expect(result.textContent).toContain("This code is not valid — check for typos");
    expect(calls.some((call) => call.path === "/hotelier/redemptions/use")).toBe(false);
  });

  it("shows Invalid code for the server's 404 invalid_code", async () => {
    setup(() => apiError(404, "invalid_code"));
    await typeAndUse("7KQ2M9XD4T1Z");
    await waitFor(() => expect(screen.getByTestId("desk-result").textContent).toContain("Invalid code"));
  });

  it("says how long to wait when rate limited, and holds the buttons", async () => {
    setup(() => apiError(429, "rate_limited", { headers: { "Retry-After": "30" } }));
    await typeAndUse("7KQ2M9XD4T1Z");
    await waitFor(() => expect(screen.getByTestId("desk-result").textContent).toMatch(/Try again in (30|29) seconds/));
    expect(screen.getByRole("button", { name: "Use code" })).toHaveProperty("disabled", true);
    // The result is a live region: screen readers get the time to try again, not a number that changes every second.
    expect(screen.getByText(/Try again in/).closest("[aria-hidden='true']")).not.toBeNull();
    expect(screen.getByText(/Try again at/).closest("[aria-hidden='true']")).toBeNull();
  });

  it("asks for all twelve characters before sending", async () => {
    const { calls } = setup(() => json(200, { redemption }));
    await typeAndUse("7KQ2");
    expect(await screen.findByRole("alert")).toHaveProperty("textContent", "Enter all 12 characters of the code.");
    expect(calls.some((call) => call.path === "/hotelier/redemptions/use")).toBe(false);
  });

  it("undoes a recent use with a reason", async () => {
    const now = new Date().toISOString();
    const { calls } = setup(() => json(200, { redemption }), [
      { id: "e1", redemption_id: "r1", redemption_status: "used", coupon: { id: "c1", title: "Spa afternoon" }, guest_name: "Ada Lovelace", action: "use", by: { id: "h1", name: "Siobhán Kelly" }, client_address: "127.0.0.1", reason: "", at: now },
    ]);
    const user = userEvent.setup();
    const log = await screen.findByRole("region", { name: "Recent uses" });
    await user.click(await within(log).findByRole("button", { name: "Undo" }));
    await user.type(within(log).getByRole("textbox", { name: "Reason for undo" }), "Wrong guest");
    await user.click(within(log).getByRole("button", { name: "Confirm undo" }));
    await waitFor(() => expect(calls.find((call) => call.path === "/hotelier/redemptions/r1/undo")?.body).toEqual({ reason: "Wrong guest" }));
  });

  it("gives focus back to Undo when an undo is cancelled", async () => {
    const now = new Date().toISOString();
    setup(() => json(200, { redemption }), [
      { id: "e1", redemption_id: "r1", redemption_status: "used", coupon: { id: "c1", title: "Spa afternoon" }, guest_name: "Ada Lovelace", action: "use", by: { id: "h1", name: "Siobhán Kelly" }, client_address: "127.0.0.1", reason: "", at: now },
    ]);
    const user = userEvent.setup();
    const log = await screen.findByRole("region", { name: "Recent uses" });
    await user.click(await within(log).findByRole("button", { name: "Undo" }));
    expect(document.activeElement).toBe(within(log).getByRole("textbox", { name: "Reason for undo" }));
    await user.click(within(log).getByRole("button", { name: "Cancel" }));
    expect(document.activeElement).toBe(within(log).getByRole("button", { name: "Undo" }));
  });
});
