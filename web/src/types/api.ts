// The shapes of the public API (api/openapi.json) that more than one feature reads.
// A feature's own request and response shapes live in its api/ folder.

export type Role = "user" | "hotelier";

export interface Hotel {
  id: string;
  name: string;
  city: string;
  country: string;
  timezone: string;
  description: string;
  logo_url: string | null;
}

export interface User {
  id: string;
  email: string;
  name: string;
  role: Role;
  created_at: string;
  hotel?: Hotel;
}

export interface Session {
  access_token: string;
  token_type: "Bearer";
  expires_in: number;
  refresh_token: string;
  user: User;
}

export type CouponStatus = "draft" | "active" | "paused" | "expired" | "archived";

export interface Coupon {
  id: string;
  hotel: { id: string; name: string; city: string; timezone: string };
  title: string;
  description: string;
  terms: string;
  discount_percent: number;
  image_url: string | null;
  quantity: number | null;
  remaining: number | null;
  per_user_limit: number;
  valid_from: string;
  valid_until: string;
  stay_from: string | null;
  stay_until: string | null;
  status: CouponStatus;
  created_at: string;
  updated_at: string;
}

export type RedemptionStatus = "redeemed" | "used" | "cancelled";

export interface Redemption {
  id: string;
  code: string;
  status: RedemptionStatus;
  coupon: Coupon;
  guest_name: string;
  redeemed_at: string;
  used_at: string | null;
  cancelled_at: string | null;
  qr_url: string;
}

export interface Notification {
  id: string;
  kind: "coupon.created" | "coupon.used" | "report.ready" | (string & {});
  title: string;
  body: string;
  data: Record<string, unknown>;
  created_at: string;
  read: boolean;
}

export interface Page<T> {
  items: T[];
  next_cursor: string | null;
}

export interface FieldIssue {
  field: string;
  message: string;
}

export interface ErrorBody {
  error: { code: string; message: string; request_id?: string; details?: FieldIssue[] };
}
