import { useQuery } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import type { Hotel } from "@/types/api";

// GET /hotels/{id}: a hotel's public profile, with how many coupons it offers and how many people follow it.

export interface HotelProfile extends Hotel {
  active_coupons: number;
  followers: number;
}

export function getHotel(id: string, signal?: AbortSignal): Promise<HotelProfile> {
  return api.get<HotelProfile>(`/hotels/${encodeURIComponent(id)}`, signal ? { signal } : {});
}

export function useHotel(id: string) {
  return useQuery({
    queryKey: ["hotels", id],
    queryFn: ({ signal }) => getHotel(id, signal),
  });
}
