import { isoDate } from "@/lib/format";
import type { Coupon } from "@/types/api";

import type { CouponCreateBody } from "../api/create-coupon";
import type { CouponPatchBody } from "../api/update-coupon";

// The coupon form as text fields, the rules the server applies (src/coupons/rules.cpp) checked before sending,
// and the request bodies. Validity dates go to the API as plain dates: it reads them in the hotel's time zone
// (valid_from: the start of that day, valid_until: its end). Stay dates are plain dates anyway.

export interface CouponFormValues {
  title: string;
  description: string;
  terms: string;
  discount: string;
  quantity: string;
  perGuestLimit: string;
  validFrom: string;
  validUntil: string;
  stayFrom: string;
  stayUntil: string;
}

export type CouponField = keyof CouponFormValues;
export type CouponFormErrors = Partial<Record<CouponField, string>>;

/** The API's name for each field, to place the server's `details` next to the right control. */
export const API_FIELDS: Record<CouponField, string> = {
  title: "title",
  description: "description",
  terms: "terms",
  discount: "discount_percent",
  quantity: "quantity",
  perGuestLimit: "per_user_limit",
  validFrom: "valid_from",
  validUntil: "valid_until",
  stayFrom: "stay_from",
  stayUntil: "stay_until",
};

export const LIMITS = {
  titleMin: 3,
  titleMax: 120,
  textMax: 4000,
  discountMin: 1,
  discountMax: 100,
  quantityMax: 1_000_000,
  perGuestMax: 100,
  firstYear: 2000,
  lastYear: 2199,
} as const;

export function emptyCouponForm(today: string): CouponFormValues {
  return {
    title: "",
    description: "",
    terms: "",
    discount: "",
    quantity: "",
    perGuestLimit: "1",
    validFrom: today,
    validUntil: "",
    stayFrom: "",
    stayUntil: "",
  };
}

/** A stored coupon as form values; its validity instants become dates in the hotel's calendar. */
export function couponToForm(coupon: Coupon): CouponFormValues {
  const zone = coupon.hotel.timezone;
  return {
    title: coupon.title,
    description: coupon.description,
    terms: coupon.terms,
    discount: String(coupon.discount_percent),
    quantity: coupon.quantity === null ? "" : String(coupon.quantity),
    perGuestLimit: String(coupon.per_user_limit),
    validFrom: isoDate(new Date(coupon.valid_from), zone),
    validUntil: isoDate(new Date(coupon.valid_until), zone),
    stayFrom: coupon.stay_from ?? "",
    stayUntil: coupon.stay_until ?? "",
  };
}

function wholeNumber(text: string): number | null {
  const trimmed = text.trim();
  return /^\d{1,9}$/.test(trimmed) ? Number(trimmed) : null;
}

function isDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const year = Number(text.slice(0, 4));
  const at = new Date(`${text}T00:00:00Z`);
  return year >= LIMITS.firstYear && year <= LIMITS.lastYear && !Number.isNaN(at.getTime()) && at.toISOString().startsWith(text);
}

const formatCount = (n: number) => new Intl.NumberFormat("en").format(n);

export interface ValidationContext {
  /** Today in the hotel's time zone. */
  today: string;
  /** The coupon is to be active after saving: an end date in the past would make it expired at once. */
  publishing: boolean;
  /** How many times the coupon was claimed already (an existing coupon's quantity cannot go below). */
  redeemed: number;
}

export function validateCouponForm(values: CouponFormValues, context: ValidationContext): CouponFormErrors {
  const errors: CouponFormErrors = {};
  const title = values.title.trim();
  const titleLength = Array.from(title).length; // characters, as the server counts them
  if (title === "") errors.title = "Enter a title.";
  else if (titleLength < LIMITS.titleMin) errors.title = `Use at least ${LIMITS.titleMin} characters.`;
  else if (titleLength > LIMITS.titleMax) errors.title = `Use at most ${LIMITS.titleMax} characters.`;
  for (const field of ["description", "terms"] as const) {
    if (Array.from(values[field].trim()).length > LIMITS.textMax) errors[field] = `Use at most ${formatCount(LIMITS.textMax)} characters.`;
  }

  const discount = wholeNumber(values.discount);
  if (values.discount.trim() === "") errors.discount = "Enter the discount, a whole number from 1 to 100.";
  else if (discount === null || discount < LIMITS.discountMin || discount > LIMITS.discountMax) {
    errors.discount = "The discount is a whole number from 1 to 100.";
  }

  if (values.quantity.trim() !== "") {
    const quantity = wholeNumber(values.quantity);
    if (quantity === null || quantity < 1 || quantity > LIMITS.quantityMax) {
      errors.quantity = `Enter a whole number from 1 to ${formatCount(LIMITS.quantityMax)}, or leave it empty for unlimited.`;
    } else if (quantity < context.redeemed) {
      errors.quantity = `Already claimed ${formatCount(context.redeemed)} times: the quantity cannot be lower.`;
    }
  }

  const perGuest = wholeNumber(values.perGuestLimit);
  if (perGuest === null || perGuest < 1 || perGuest > LIMITS.perGuestMax) {
    errors.perGuestLimit = `Enter a whole number from 1 to ${LIMITS.perGuestMax}.`;
  }

  if (values.validFrom !== "" && !isDate(values.validFrom)) errors.validFrom = "Enter a date between 2000 and 2199.";
  if (values.validUntil === "") errors.validUntil = "Enter the last day the coupon can be claimed.";
  else if (!isDate(values.validUntil)) errors.validUntil = "Enter a date between 2000 and 2199.";
  else if (errors.validFrom === undefined && values.validFrom !== "" && values.validUntil < values.validFrom) {
    errors.validUntil = "Valid until must be on or after Valid from.";
  } else if (context.publishing && values.validUntil < context.today) {
    errors.validUntil = "This day has passed: a published coupon would be expired at once.";
  }

  const stay = [values.stayFrom, values.stayUntil] as const;
  if (stay[0] !== "" && !isDate(stay[0])) errors.stayFrom = "Enter a date between 2000 and 2199.";
  if (stay[1] !== "" && !isDate(stay[1])) errors.stayUntil = "Enter a date between 2000 and 2199.";
  if (errors.stayFrom === undefined && errors.stayUntil === undefined) {
    if (stay[0] !== "" && stay[1] === "") errors.stayUntil = "Enter both stay dates, or neither.";
    else if (stay[0] === "" && stay[1] !== "") errors.stayFrom = "Enter both stay dates, or neither.";
    else if (stay[1] < stay[0]) errors.stayUntil = "Stay until must be on or after Stay from.";
  }
  return errors;
}

function quantityOf(text: string): number | null {
  return text.trim() === "" ? null : Number(text.trim());
}

export function createBody(values: CouponFormValues, status: "draft" | "active"): CouponCreateBody {
  const body: CouponCreateBody = {
    title: values.title.trim(),
    description: values.description.trim(),
    terms: values.terms.trim(),
    discount_percent: Number(values.discount.trim()),
    quantity: quantityOf(values.quantity),
    per_user_limit: Number(values.perGuestLimit.trim()),
    valid_until: values.validUntil,
    status,
  };
  if (values.validFrom !== "") body.valid_from = values.validFrom;
  if (values.stayFrom !== "" && values.stayUntil !== "") {
    body.stay_from = values.stayFrom;
    body.stay_until = values.stayUntil;
  }
  return body;
}

/** Only what changed, so an untouched start date (already passed) is not moved to the start of its day. */
export function patchBody(values: CouponFormValues, initial: CouponFormValues): CouponPatchBody {
  const patch: CouponPatchBody = {};
  const changed = (field: CouponField) => values[field].trim() !== initial[field].trim();
  if (changed("title")) patch.title = values.title.trim();
  if (changed("description")) patch.description = values.description.trim();
  if (changed("terms")) patch.terms = values.terms.trim();
  if (changed("discount")) patch.discount_percent = Number(values.discount.trim());
  if (changed("quantity")) patch.quantity = quantityOf(values.quantity);
  if (changed("perGuestLimit")) patch.per_user_limit = Number(values.perGuestLimit.trim());
  if (changed("validFrom") && values.validFrom !== "") patch.valid_from = values.validFrom;
  if (changed("validUntil")) patch.valid_until = values.validUntil;
  if (changed("stayFrom") || changed("stayUntil")) {
    // The API takes both ends together, and null for both to remove the stay window.
    patch.stay_from = values.stayFrom === "" ? null : values.stayFrom;
    patch.stay_until = values.stayUntil === "" ? null : values.stayUntil;
  }
  return patch;
}

/** The server's word on a field, in a sentence: "is required" becomes "Title is required". */
export function serverFieldMessage(label: string, message: string | undefined): string | undefined {
  if (message === undefined || message === "") return undefined;
  const first = message.charAt(0);
  return first === first.toLowerCase() && first !== first.toUpperCase() ? `${label} ${message}` : message;
}
