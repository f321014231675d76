import { useInfiniteQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import type { Coupon, Page } from "@/types/api";

// GET /coupons?hotel_id=…: the active coupons of one hotel, newest first, paged.

export type HotelCouponsPage = Page<Coupon>;

export function getHotelCoupons(hotelId: string, cursor: string | null, signal?: AbortSignal): Promise<HotelCouponsPage> {
  return api.get<HotelCouponsPage>("/coupons", {
    query: { hotel_id: hotelId, limit: 20, cursor },
    ...(signal ? { signal } : {}),
  });
}

export function useHotelCoupons(hotelId: string) {
  return useInfiniteQuery({
    queryKey: ["coupons", "hotel", hotelId],
    queryFn: ({ pageParam, signal }) => getHotelCoupons(hotelId, pageParam, signal),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
}
