import { fireEvent, screen, waitFor } from "@testing-library/react";
import userEvent from "@testing-library/user-event";
import { describe, expect, it, vi } from "vitest";

import { makeCoupon } from "@/testing/fixtures";
import { apiError, json, renderHotelierScreen, routes, type RouteRequest } from "@/testing/hotelier";
import { stubApi, stubObjectUrls } from "@/testing/render";

import { CouponEditorPage } from "./coupon-editor-page";

vi.mock("@/lib/session", async () => {
  const { testHotelier } = await import("@/testing/hotelier");
  return { useUser: () => testHotelier };
});

const stored = makeCoupon({
  id: "c1",
  title: "Winter escape",
  hotel: { id: "hotel1", name: "Dublin Hotel", city: "Dublin", timezone: "Europe/Dublin" },
  valid_from: "2026-11-20T00:00:00Z",
  valid_until: "2027-02-18T23:59:59Z",
  status: "active",
});

function setup(at: string, create: (request: RouteRequest) => Response = ({ body }) => json(201, { ...stored, ...(body as object), id: "new1" })) {
  const seen: RouteRequest[] = [];
  stubApi(
    routes(
      {
        "POST /coupons": create,
        "GET /coupons/:id": () => json(200, stored),
        "PATCH /coupons/:id": ({ body }) => json(200, { ...stored, ...(body as object) }),
        "PUT /coupons/:id/image": () => json(200, { ...stored, image_url: "/media/new.png" }),
      },
      seen,
    ),
  );
  const path = at === "/manage/coupons/new" ? at : "/manage/coupons/:id";
  renderHotelierScreen(<CouponEditorPage />, { path, at });
  return seen;
}

describe("CouponEditorPage", () => {
  it("says what is missing next to each field before sending anything", async () => {
    const seen = setup("/manage/coupons/new");
    await userEvent.setup().click(screen.getByRole("button", { name: "Publish" }));
    expect(await screen.findByText("Enter a title.")).toBeTruthy();
    expect(screen.getByText("Enter the discount, a whole number from 1 to 100.")).toBeTruthy();
    expect(screen.getByText("Enter the last day the coupon can be claimed.")).toBeTruthy();
    expect(screen.getByLabelText("Title").getAttribute("aria-invalid")).toBe("true");
    expect(document.activeElement).toBe(screen.getByLabelText("Title"));
    expect(seen).toHaveLength(0);
  });

  it("saves a draft with plain dates and goes back to the table", async () => {
    const seen = setup("/manage/coupons/new");
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Title"), "Winter escape");
    await user.type(screen.getByLabelText("Discount (%)"), "30");
    await user.type(screen.getByLabelText("Quantity"), "40");
    fireEvent.change(screen.getByLabelText("Valid from"), { target: { value: "2026-12-01" } });
    fireEvent.change(screen.getByLabelText("Valid until"), { target: { value: "2027-02-28" } });
    await user.click(screen.getByRole("button", { name: "Save draft" }));
    await screen.findByText("Elsewhere");
    expect(seen.find((r) => r.method === "POST" && r.path === "/coupons")?.body).toMatchObject({
      title: "Winter escape",
      discount_percent: 30,
      quantity: 40,
      per_user_limit: 1,
      valid_from: "2026-12-01",
      valid_until: "2027-02-28",
      status: "draft",
    });
  });

  it("shows the server's word on a field next to it", async () => {
    setup("/manage/coupons/new", () =>
      apiError(400, "validation_failed", { extra: { details: [{ field: "valid_until", message: "must be after valid_from" }] } }),
    );
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Title"), "Winter escape");
    await user.type(screen.getByLabelText("Discount (%)"), "30");
    fireEvent.change(screen.getByLabelText("Valid until"), { target: { value: "2099-02-28" } });
    await user.click(screen.getByRole("button", { name: "Save draft" }));
    expect(await screen.findByText("Valid until must be after valid_from")).toBeTruthy();
  });

  it("refuses an image over 5 MB at once", async () => {
    setup("/manage/coupons/new");
    const big = new File(["x"], "huge.png", { type: "image/png" });
    Object.defineProperty(big, "size", { value: 6 * 1024 * 1024 });
    await userEvent.setup().upload(screen.getByLabelText("Image"), big);
    expect(await screen.findByText(/largest allowed is 5 MB/)).toBeTruthy();
  });

  it("retries a failed image upload when the coupon is saved again", async () => {
    stubObjectUrls();
    let uploads = 0;
    stubApi(
      routes({
        "GET /coupons/:id": () => json(200, stored),
        "PUT /coupons/:id/image": () => (++uploads === 1 ? apiError(503, "unavailable") : json(200, { ...stored, image_url: "/media/new.png" })),
      }),
    );
    renderHotelierScreen(<CouponEditorPage />, { path: "/manage/coupons/:id", at: "/manage/coupons/c1" });
    const user = userEvent.setup();
    await user.upload(await screen.findByLabelText("Image"), new File(["png"], "suite.png", { type: "image/png" }));
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    expect(await screen.findByText("The coupon was saved, but its image was not")).toBeTruthy();
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    await screen.findByText("Elsewhere");
    expect(uploads).toBe(2);
  });

  it("moves focus to the error when the server refuses the save without naming a field", async () => {
    setup("/manage/coupons/new", () => apiError(409, "conflict", { message: "The hotel changed meanwhile" }));
    const user = userEvent.setup();
    await user.type(screen.getByLabelText("Title"), "Winter escape");
    await user.type(screen.getByLabelText("Discount (%)"), "30");
    fireEvent.change(screen.getByLabelText("Valid until"), { target: { value: "2099-02-28" } });
    await user.click(screen.getByRole("button", { name: "Save draft" }));
    const alert = await screen.findByText("The hotel changed meanwhile");
    await waitFor(() => expect(document.activeElement?.contains(alert)).toBe(true));
  });

  it("edits a stored coupon, sending only what changed", async () => {
    const seen = setup("/manage/coupons/c1");
    const user = userEvent.setup();
    const title = await screen.findByLabelText("Title");
    expect(title).toHaveProperty("value", "Winter escape");
    expect(screen.getByLabelText("Valid until")).toHaveProperty("value", "2027-02-18");
    expect(screen.getByRole("button", { name: "Pause" })).toBeTruthy();
    await user.clear(title);
    await user.type(title, "Winter escape for two");
    await user.click(screen.getByRole("button", { name: "Save changes" }));
    await screen.findByText("Elsewhere");
    expect(seen.find((r) => r.method === "PATCH" && r.path === "/coupons/c1")?.body).toEqual({ title: "Winter escape for two" });
  });
});
