import { useMutation, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import type { Coupon } from "@/types/api";

import { storeSavedCoupon } from "./cache";

// PUT /coupons/{id}/image: the picture itself as the body (JPEG, PNG or WebP, at most 5 MiB), with its type.

export async function uploadCouponImage({ id, file }: { id: string; file: File }): Promise<Coupon> {
  return api.put<Coupon>(`/coupons/${encodeURIComponent(id)}/image`, { body: file });
}

export function useUploadCouponImage() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: uploadCouponImage,
    onSuccess: (coupon) => storeSavedCoupon(queryClient, coupon),
  });
}
