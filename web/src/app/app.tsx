import { QueryClient, QueryClientProvider } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { RouterProvider } from "react-router";

import { router } from "@/app/router";
import { ToastProvider } from "@/components/toasts";
import { api } from "@/lib/api-client";
import { ApiError } from "@/lib/api-error";
import { LiveProvider } from "@/lib/live";
import { SessionProvider } from "@/lib/session";

function makeQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: {
        staleTime: 15_000,
        // A 4xx will not change by asking again; an unreachable server or a 5xx might.
        retry: (failures, error) => failures < 2 && !(error instanceof ApiError && error.status >= 400 && error.status < 500),
        refetchOnWindowFocus: true,
      },
      mutations: { retry: false },
    },
  });
}

export function App() {
  const [queryClient] = useState(makeQueryClient);
  // One person's coupons, notifications and hotels must never be shown to the next one who signs in on this tab.
  useEffect(
    () =>
      api.onSession((session) => {
        if (session === null) queryClient.clear();
      }),
    [queryClient],
  );
  return (
    <QueryClientProvider client={queryClient}>
      <ToastProvider>
        <SessionProvider>
          <LiveProvider>
            <RouterProvider router={router} />
          </LiveProvider>
        </SessionProvider>
      </ToastProvider>
    </QueryClientProvider>
  );
}
