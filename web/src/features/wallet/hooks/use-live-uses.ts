import { useQueryClient } from "@tanstack/react-query";
import { useState } from "react";

import { useNotifications } from "@/lib/live";

import type { LiveUses } from "../utils/wallet";

/**
 * The claims the desk used while this screen is open, straight from the live socket, so they move to "Used"
 * at once; the lists are fetched again, and once they have the news the server's word is all that counts.
 */
export function useLiveUses(): LiveUses {
  const queryClient = useQueryClient();
  const [uses, setUses] = useState<LiveUses>(() => new Map());

  useNotifications((notification) => {
    if (notification.kind !== "coupon.used") return;
    const id = notification.data.redemption_id;
    if (typeof id !== "string") return;
    const usedAt = typeof notification.data.used_at === "string" ? notification.data.used_at : notification.created_at;
    setUses((known) => new Map(known).set(id, usedAt));
    void queryClient.invalidateQueries({ queryKey: ["redemptions"] }).finally(() => {
      setUses((known) => {
        const rest = new Map(known);
        rest.delete(id);
        return rest;
      });
    });
  });

  return uses;
}
