import type { CouponStatus } from "@/types/api";

// The screen's react-query keys: a change to one coupon refreshes the table and the editor together.
export const couponKeys = {
  all: ["own-coupons"] as const,
  list: (status: CouponStatus | null) => [...couponKeys.all, "list", status ?? "any"] as const,
  one: (id: string) => [...couponKeys.all, "one", id] as const,
};
