import type { Coupon } from "@/types/api";

import { useCreateCoupon } from "../api/create-coupon";
import { useUpdateCoupon, type CouponPatchBody } from "../api/update-coupon";
import { useUploadCouponImage } from "../api/upload-coupon-image";
import { createBody, patchBody, type CouponFormValues } from "../utils/coupon-form";

// Saving is two steps: the coupon (created, or patched with what changed and maybe a new status), then its
// image, which needs the coupon's id. A failed image upload does not undo the saved coupon: it is reported
// separately so the screen can say exactly what happened.

export interface SaveRequest {
  values: CouponFormValues;
  initial: CouponFormValues;
  status: "draft" | "active" | "paused" | "archived" | undefined;
  image: File | null;
}

export interface SaveResult {
  saved: Coupon;
  imageError: unknown;
}

export function useSaveCoupon(coupon: Coupon | null) {
  const create = useCreateCoupon();
  const update = useUpdateCoupon();
  const upload = useUploadCouponImage();

  const save = async ({ values, initial, status, image }: SaveRequest): Promise<SaveResult> => {
    let saved: Coupon;
    if (coupon === null) {
      saved = await create.mutateAsync(createBody(values, status === "active" ? "active" : "draft"));
    } else {
      const patch: CouponPatchBody = status === "archived" ? {} : patchBody(values, initial);
      if (status !== undefined && status !== coupon.status) patch.status = status;
      saved = Object.keys(patch).length > 0 ? await update.mutateAsync({ id: coupon.id, patch }) : coupon;
    }
    if (image === null) return { saved, imageError: undefined };
    try {
      return { saved: await upload.mutateAsync({ id: saved.id, file: image }), imageError: undefined };
    } catch (imageError) {
      return { saved, imageError };
    }
  };

  return { save, isPending: create.isPending || update.isPending || upload.isPending };
}
