import { describe, expect, it } from "vitest";

import type { CouponFigures } from "../api/get-stats";
import { topCoupons } from "./top-coupons";

const coupon = (id: string, views: number, redemptions: number): CouponFigures => ({ coupon_id: id, title: id, views, redemptions, uses: 0 });

describe("topCoupons", () => {
  it("ranks by claims, then views, and leaves out coupons with no activity", () => {
    const ranked = topCoupons([coupon("a", 50, 1), coupon("b", 10, 4), coupon("c", 80, 1), coupon("d", 0, 0)]);
    expect(ranked.map((c) => c.coupon_id)).toEqual(["b", "c", "a"]);
  });

  it("keeps the first few", () => {
    expect(topCoupons(Array.from({ length: 12 }, (_, i) => coupon(String(i), i + 1, 0)), 5)).toHaveLength(5);
  });
});
