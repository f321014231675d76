import { createContext, use, useCallback, useEffect, useRef, useState, type ReactNode } from "react";

import { api } from "@/lib/api-client";
import { LiveSocket, type LiveSignal, type LiveState } from "@/lib/live-socket";
import { useSession } from "@/lib/session";
import type { Notification, Page } from "@/types/api";

// The tab's one live connection, shared by every screen through hooks.

const LiveContext = createContext<LiveSocket | null>(null);

function socketUrl(): string {
  const scheme = window.location.protocol === "https:" ? "wss:" : "ws:";
  return `${scheme}//${window.location.host}/api/v1/ws`;
}

export function LiveProvider({ children }: { children: ReactNode }) {
  const { status } = useSession();
  const [socket] = useState(
    () =>
      new LiveSocket({
        url: socketUrl(),
        token: () => api.token,
        refresh: async () => (await api.refresh())?.access_token ?? null,
        initialResumeAfter: async () => {
          const newest = await api.get<Page<Notification>>("/me/notifications", { query: { limit: 1 } });
          return newest.items[0]?.id ?? "0";
        },
      }),
  );

  useEffect(() => {
    if (status !== "signed-in") return;
    void socket.start();
    const unsubscribe = api.onSession((session) => {
      if (session !== null) socket.renew(session.access_token);
    });
    return () => {
      unsubscribe();
      socket.stop();
    };
  }, [status, socket]);

  return <LiveContext value={socket}>{children}</LiveContext>;
}

function useLiveSocket(): LiveSocket {
  const socket = use(LiveContext);
  if (socket === null) throw new Error("live hooks outside LiveProvider");
  return socket;
}

/** Calls `listener` for every notification that arrives live (or is replayed after a reconnect). */
export function useNotifications(listener: (notification: Notification) => void): void {
  const socket = useLiveSocket();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => socket.onNotification((notification) => latest.current(notification)), [socket]);
}

/** Calls `listener` when the server sends this hint (for a hotelier: "your statistics changed"). */
export function useLiveSignal(signal: LiveSignal, listener: () => void): void {
  const socket = useLiveSocket();
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => socket.onSignal(signal, () => latest.current()), [socket, signal]);
}

export function useLiveState(): LiveState {
  const socket = useLiveSocket();
  const [state, setState] = useState<LiveState>(socket.currentState);
  useEffect(() => socket.onState(setState), [socket]);
  return state;
}

/** Tells the server the user looked at, clicked or shared a coupon (counted in the hotel's statistics). */
export function useSendInteraction(): (couponId: string, action: "view" | "click" | "share") => void {
  const socket = useLiveSocket();
  return useCallback(
    (couponId: string, action: "view" | "click" | "share") => socket.send({ type: "interaction", coupon_id: couponId, action }),
    [socket],
  );
}
