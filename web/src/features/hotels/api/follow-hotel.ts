import { api } from "@/lib/api-client";

// PUT /hotels/{id}/subscription: follow a hotel (doing it twice is harmless).

export interface FollowResponse {
  hotel_id: string;
  since: string;
  source: "manual" | "redeem";
}

export function followHotel(hotelId: string): Promise<FollowResponse> {
  return api.put<FollowResponse>(`/hotels/${encodeURIComponent(hotelId)}/subscription`);
}
