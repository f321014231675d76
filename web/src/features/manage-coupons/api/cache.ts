import type { InfiniteData, QueryClient } from "@tanstack/react-query";

import type { Coupon, Page } from "@/types/api";

import type { CouponWithStats } from "./get-own-coupons";
import { couponKeys } from "./keys";

/**
 * A coupon the server just returned, put into every cached table page and the editor's cache at once (the table
 * shows it right away when the editor goes back to it), then everything is fetched again before the save counts
 * as done: the figures and the status filters are the server's to say.
 */
export async function storeSavedCoupon(queryClient: QueryClient, coupon: Coupon): Promise<void> {
  queryClient.setQueryData(couponKeys.one(coupon.id), coupon);
  queryClient.setQueriesData<InfiniteData<Page<CouponWithStats>>>({ queryKey: [...couponKeys.all, "list"] }, (data) =>
    data === undefined
      ? data
      : {
          ...data,
          pages: data.pages.map((page) => ({
            ...page,
            items: page.items.map((item) => (item.id === coupon.id ? { ...item, ...coupon } : item)),
          })),
        },
  );
  await queryClient.invalidateQueries({ queryKey: couponKeys.all });
}
