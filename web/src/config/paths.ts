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

/** A role's start page. */
export function homeOf(role: "user" | "hotelier"): string {
  return role === "hotelier" ? paths.dashboard : paths.discover;
}

/** Where to go after signing in: the page that sent you to sign in (this site only), else your start page. */
export function afterSignIn(next: string | null, role: "user" | "hotelier"): string {
  if (next !== null && next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\")) return next;
  return homeOf(role);
}
