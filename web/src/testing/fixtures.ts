import type { Coupon, Redemption } from "@/types/api";

// Plausible API objects for tests; each test overrides only what it is about.

export function makeCoupon(overrides: Partial<Coupon> = {}): Coupon {
  return {
    id: "c1",
    hotel: { id: "h1", name: "Green Hotel", city: "Porto", timezone: "Europe/Lisbon" },
    title: "Douro valley by bike",
    description: "E-bikes and a picnic along the river.",
    terms: "Show your code at reception on arrival.",
    discount_percent: 25,
    image_url: "/media/coupons/bike.png",
    quantity: 40,
    remaining: 12,
    per_user_limit: 1,
    valid_from: "2026-12-01T00:00:00Z",
    valid_until: "2026-12-31T23:59:59Z",
    stay_from: null,
    stay_until: null,
    status: "active",
    created_at: "2026-11-20T10:00:00Z",
    updated_at: "2026-11-20T10:00:00Z",
    ...overrides,
  };
}

export function makeRedemption(overrides: Partial<Redemption> = {}): Redemption {
  const id = overrides.id ?? "r1";
  return {
    id,
    code: "7KQ2M9XD4T1R",
    status: "redeemed",
    coupon: makeCoupon(),
    guest_name: "Alex Murphy",
    redeemed_at: "2026-11-22T09:00:00Z",
    used_at: null,
    cancelled_at: null,
    qr_url: `/api/v1/redemptions/${id}/qr.png`,
    ...overrides,
  };
}
