import { api } from "@/lib/api-client";

// DELETE /hotels/{id}/subscription: stop following a hotel; a later claim there does not follow it again.

export function unfollowHotel(hotelId: string): Promise<void> {
  return api.delete(`/hotels/${encodeURIComponent(hotelId)}/subscription`);
}
