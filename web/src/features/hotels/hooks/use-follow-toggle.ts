import { useMutation, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { followHotel } from "../api/follow-hotel";
import { unfollowHotel } from "../api/unfollow-hotel";

/**
 * Follow or unfollow one hotel. The button shows the new state as soon as it is pressed, and goes back if the
 * server says no. The Following list is only marked stale, so the row just unfollowed stays (with "Follow again")
 * until the screen is opened again.
 */
export function useFollowToggle(hotelId: string, following: boolean) {
  const queryClient = useQueryClient();
  const [confirmed, setConfirmed] = useState<boolean | null>(null);
  const mutation = useMutation({
    mutationFn: (follow: boolean) => (follow ? followHotel(hotelId) : unfollowHotel(hotelId)).then(() => follow),
    onSuccess: (follow) => {
      setConfirmed(follow);
      void queryClient.invalidateQueries({ queryKey: ["hotels", hotelId] });
      void queryClient.invalidateQueries({ queryKey: ["subscriptions", "all"] });
      void queryClient.invalidateQueries({ queryKey: ["subscriptions", "list"], refetchType: "none" });
    },
  });

  const isFollowing = mutation.isPending ? mutation.variables : (confirmed ?? following);
  return {
    isFollowing,
    pending: mutation.isPending,
    error: mutation.error,
    toggle: () => {
      if (!mutation.isPending) mutation.mutate(!isFollowing);
    },
  };
}
