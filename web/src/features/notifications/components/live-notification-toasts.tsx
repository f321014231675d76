import { useQueryClient } from "@tanstack/react-query";
import { useNavigate } from "react-router";

import { useToast } from "@/components/toasts";
import { useNotifications } from "@/lib/live";
import { notificationKeys } from "../api/notifications";
import { linkOf } from "../links";

/** A toast for every notification that arrives while the app is open; the bell and inbox refresh with it. */
export function LiveNotificationToasts() {
  const toast = useToast();
  const navigate = useNavigate();
  const queryClient = useQueryClient();

  useNotifications((notification) => {
    void queryClient.invalidateQueries({ queryKey: notificationKeys.all });
    const link = linkOf(notification);
    toast({
      title: notification.title,
      body: notification.body,
      tone: notification.kind === "coupon.used" || notification.kind === "report.ready" ? "success" : "info",
      ...(link !== null ? { action: { label: link.label, onClick: () => void navigate(link.to) } } : {}),
    });
  });
  return null;
}
