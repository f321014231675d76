import { InputField, TextAreaField } from "@/components/ui";

import { LIMITS, type CouponField, type CouponFormValues } from "../utils/coupon-form";

// The coupon's fields, grouped as a hotelier thinks of them: the offer, how many, and when.

interface CouponFieldsProps {
  values: CouponFormValues;
  errorFor: (field: CouponField) => string | undefined;
  onChange: (field: CouponField, value: string) => void;
}

export function CouponFields({ values, errorFor, onChange }: CouponFieldsProps) {
  const text = (field: CouponField) => ({
    value: values[field],
    error: errorFor(field),
    onChange: (event: { target: { value: string } }) => onChange(field, event.target.value),
  });
  const whole = { type: "number", inputMode: "numeric", step: 1 } as const;

  return (
    <>
      <fieldset>
        <legend>The offer</legend>
        <InputField label="Title" {...text("title")} maxLength={LIMITS.titleMax} autoComplete="off" aria-required="true" />
        <TextAreaField label="Description" {...text("description")} rows={4} hint="What the guest gets. Optional." />
        <TextAreaField label="Terms" {...text("terms")} rows={3} hint="Conditions, e.g. “Not valid on public holidays”. Optional." />
        <div className="form-row">
          <InputField label="Discount (%)" {...text("discount")} {...whole} min={LIMITS.discountMin} max={LIMITS.discountMax} aria-required="true" />
          <InputField label="Quantity" {...text("quantity")} {...whole} min={1} max={LIMITS.quantityMax} hint="How many can be claimed. Leave empty for unlimited." />
          <InputField label="Per-guest limit" {...text("perGuestLimit")} {...whole} min={1} max={LIMITS.perGuestMax} hint="How many times one traveller can claim it." />
        </div>
      </fieldset>
      <fieldset>
        <legend>Dates</legend>
        <div className="form-row">
          <InputField label="Valid from" type="date" {...text("validFrom")} hint="First day it can be claimed (hotel time)." />
          <InputField label="Valid until" type="date" {...text("validUntil")} min={values.validFrom || undefined} aria-required="true" hint="Last day it can be claimed, until midnight hotel time." />
        </div>
        <div className="form-row">
          <InputField label="Stay from" type="date" {...text("stayFrom")} hint="Optional: first night the discount is for." />
          <InputField label="Stay until" type="date" {...text("stayUntil")} min={values.stayFrom || undefined} hint="Optional: last night. Both stay dates or neither." />
        </div>
      </fieldset>
    </>
  );
}
