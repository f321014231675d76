import { useInfiniteQuery, useMutation, useQuery, useQueryClient } from "@tanstack/react-query";

import { api } from "@/lib/api-client";
import type { Notification, Page } from "@/types/api";

export const notificationKeys = {
  all: ["notifications"] as const,
  inbox: ["notifications", "inbox"] as const,
  unread: ["notifications", "unread"] as const,
};

const UNREAD_PAGE = 100;

export function useInbox() {
  return useInfiniteQuery({
    queryKey: notificationKeys.inbox,
    queryFn: ({ pageParam, signal }) =>
      api.get<Page<Notification>>("/me/notifications", { query: { limit: 20, cursor: pageParam }, signal }),
    initialPageParam: null as string | null,
    getNextPageParam: (last) => last.next_cursor,
  });
}

/** How many notifications are unread: exact up to 100, then "more than 99". */
export function useUnreadCount() {
  return useQuery({
    queryKey: notificationKeys.unread,
    queryFn: async ({ signal }) => {
      const page = await api.get<Page<Notification>>("/me/notifications", {
        query: { unread_only: true, limit: UNREAD_PAGE },
        signal,
      });
      return { count: page.items.length, more: page.next_cursor !== null };
    },
  });
}

export function useMarkRead() {
  const queryClient = useQueryClient();
  return useMutation({
    mutationFn: (body: { up_to: string } | { ids: string[] }) => api.post("/me/notifications/read", body),
    onSettled: () => queryClient.invalidateQueries({ queryKey: notificationKeys.all }),
  });
}
