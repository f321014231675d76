// The app's addresses, in one place; features link to each other's screens only through these.

export const paths = {
  signIn: "/signin",
  register: "/register",
  inbox: "/inbox",
  discover: "/discover",
  coupon: "/coupons/:id",
  wallet: "/my-coupons",
  hotel: "/hotels/:id",
  following: "/following",
  dashboard: "/dashboard",
  manageCoupons: "/manage/coupons",
  newCoupon: "/manage/coupons/new",
  editCoupon: "/manage/coupons/:id",
  desk: "/desk",
  reports: "/reports",
} as const;

/** A path with its `:id` filled in, e.g. `pathTo(paths.coupon, id)`. */
export function pathTo(pattern: string, id: string): string {
  return pattern.replace(":id", encodeURIComponent(id));
}
