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
  return sameSitePath(next) ?? homeOf(role);
}

const THIS_SITE = "https://this.site.invalid";

/**
 * `address` as a path on this site, or null when it would lead elsewhere. Read the way a browser reads it, so that
 * tricks a prefix check misses ("//x", "/\\x", "/\t/x") cannot lead to another site.
 */
function sameSitePath(address: string | null): string | null {
  if (!address?.startsWith("/")) return null;
  let url: URL;
  try {
    url = new URL(address, THIS_SITE);
  } catch {
    return null;
  }
  return url.origin === THIS_SITE ? url.pathname + url.search + url.hash : null;
}
