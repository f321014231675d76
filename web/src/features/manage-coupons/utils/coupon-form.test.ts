import { describe, expect, it } from "vitest";

import { makeCoupon } from "@/testing/fixtures";

import { couponToForm, createBody, emptyCouponForm, patchBody, serverFieldMessage, validateCouponForm, type CouponFormValues } from "./coupon-form";

const today = "2026-11-22";
const context = { today, publishing: false, redeemed: 0 };

function form(overrides: Partial<CouponFormValues> = {}): CouponFormValues {
  return { ...emptyCouponForm(today), title: "Winter escape", discount: "30", validUntil: "2027-02-28", ...overrides };
}

describe("validateCouponForm", () => {
  it("accepts a complete form", () => {
    expect(validateCouponForm(form(), context)).toEqual({});
  });

  it("requires a title of 3 to 120 characters", () => {
    expect(validateCouponForm(form({ title: "  " }), context).title).toBe("Enter a title.");
    expect(validateCouponForm(form({ title: "ab" }), context).title).toMatch(/at least 3/);
    expect(validateCouponForm(form({ title: "x".repeat(121) }), context).title).toMatch(/at most 120/);
  });

  it("takes a discount from 1 to 100, whole", () => {
    expect(validateCouponForm(form({ discount: "" }), context).discount).toMatch(/Enter the discount/);
    for (const bad of ["0", "101", "12.5", "-3", "ten"]) {
      expect(validateCouponForm(form({ discount: bad }), context).discount, bad).toMatch(/1 to 100/);
    }
    expect(validateCouponForm(form({ discount: "100" }), context).discount).toBeUndefined();
  });

  it("takes an empty quantity as unlimited, and never fewer than already claimed", () => {
    expect(validateCouponForm(form({ quantity: "" }), context).quantity).toBeUndefined();
    expect(validateCouponForm(form({ quantity: "0" }), context).quantity).toMatch(/leave it empty for unlimited/);
    expect(validateCouponForm(form({ quantity: "5" }), { ...context, redeemed: 7 }).quantity).toMatch(/Already claimed 7 times/);
  });

  it("checks the per-guest limit", () => {
    expect(validateCouponForm(form({ perGuestLimit: "" }), context).perGuestLimit).toMatch(/1 to 100/);
    expect(validateCouponForm(form({ perGuestLimit: "101" }), context).perGuestLimit).toMatch(/1 to 100/);
  });

  it("wants an end date on or after the start, and not past when publishing", () => {
    expect(validateCouponForm(form({ validUntil: "" }), context).validUntil).toMatch(/last day/);
    expect(validateCouponForm(form({ validFrom: "2026-12-10", validUntil: "2026-12-09" }), context).validUntil).toMatch(/on or after Valid from/);
    expect(validateCouponForm(form({ validFrom: "2026-12-10", validUntil: "2026-12-10" }), context).validUntil).toBeUndefined();
    expect(validateCouponForm(form({ validFrom: "2026-01-01", validUntil: "2026-11-21" }), { ...context, publishing: true }).validUntil).toMatch(/has passed/);
    expect(validateCouponForm(form({ validFrom: "2026-01-01", validUntil: "2026-11-21" }), context).validUntil).toBeUndefined();
    expect(validateCouponForm(form({ validUntil: "2300-01-01" }), context).validUntil).toMatch(/2000 and 2199/);
  });

  it("wants both stay dates or neither, in order", () => {
    expect(validateCouponForm(form({ stayFrom: "2027-01-10" }), context).stayUntil).toMatch(/both stay dates/);
    expect(validateCouponForm(form({ stayUntil: "2027-01-10" }), context).stayFrom).toMatch(/both stay dates/);
    expect(validateCouponForm(form({ stayFrom: "2027-01-10", stayUntil: "2027-01-09" }), context).stayUntil).toMatch(/on or after Stay from/);
    expect(validateCouponForm(form({ stayFrom: "2027-01-10", stayUntil: "2027-01-10" }), context)).toEqual({});
  });
});

describe("createBody", () => {
  it("sends dates as plain dates and an empty quantity as unlimited", () => {
    expect(createBody(form({ description: " Two nights ", stayFrom: "2027-01-10", stayUntil: "2027-01-20" }), "active")).toEqual({
      title: "Winter escape",
      description: "Two nights",
      terms: "",
      discount_percent: 30,
      quantity: null,
      per_user_limit: 1,
      valid_from: today,
      valid_until: "2027-02-28",
      stay_from: "2027-01-10",
      stay_until: "2027-01-20",
      status: "active",
    });
  });
});

describe("couponToForm and patchBody", () => {
  const coupon = makeCoupon({
    hotel: { id: "h", name: "Dublin Hotel", city: "Dublin", timezone: "Europe/Dublin" },
    valid_from: "2026-06-01T23:00:00Z", // 2 June, 00:00 in Dublin (summer time)
    valid_until: "2027-03-22T23:59:59Z",
    quantity: 40,
    stay_from: "2027-01-10",
    stay_until: "2027-01-20",
  });

  it("shows validity instants as the hotel's calendar days", () => {
    expect(couponToForm(coupon)).toMatchObject({ validFrom: "2026-06-02", validUntil: "2027-03-22", quantity: "40" });
  });

  it("sends only what changed", () => {
    const initial = couponToForm(coupon);
    expect(patchBody(initial, initial)).toEqual({});
    expect(patchBody({ ...initial, title: "New title", quantity: "" }, initial)).toEqual({ title: "New title", quantity: null });
    expect(patchBody({ ...initial, validUntil: "2027-04-01" }, initial)).toEqual({ valid_until: "2027-04-01" });
  });

  it("removes the stay window by sending both ends as null", () => {
    const initial = couponToForm(coupon);
    expect(patchBody({ ...initial, stayFrom: "", stayUntil: "" }, initial)).toEqual({ stay_from: null, stay_until: null });
  });
});

describe("serverFieldMessage", () => {
  it("makes the server's fragment a sentence about the field", () => {
    expect(serverFieldMessage("Title", "is required")).toBe("Title is required");
    expect(serverFieldMessage("Title", "Something else")).toBe("Something else");
    expect(serverFieldMessage("Title", undefined)).toBeUndefined();
  });
});
