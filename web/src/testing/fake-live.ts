import { useEffect, useRef } from "react";

import type { LiveSignal, LiveState } from "@/lib/live-socket";
import type { Notification } from "@/types/api";

// A stand-in for @/lib/live in screen tests: `vi.mock("@/lib/live", () => import("@/testing/fake-live"))`.
// Tests push notifications with `emitNotification` and read what the screen sent in `sentInteractions`.

const listeners = new Set<(notification: Notification) => void>();
export const sentInteractions: { couponId: string; action: string }[] = [];

export function emitNotification(notification: Notification): void {
  for (const listener of listeners) listener(notification);
}

const signalListeners = new Map<LiveSignal, Set<() => void>>();

export function emitSignal(signal: LiveSignal): void {
  for (const listener of signalListeners.get(signal) ?? []) listener();
}

export function useLiveSignal(signal: LiveSignal, listener: () => void): void {
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => {
    const forward = () => latest.current();
    const listeners = signalListeners.get(signal) ?? new Set<() => void>();
    signalListeners.set(signal, listeners);
    listeners.add(forward);
    return () => {
      listeners.delete(forward);
    };
  }, [signal]);
}

export function resetFakeLive(): void {
  listeners.clear();
  signalListeners.clear();
  sentInteractions.length = 0;
}

export function useNotifications(listener: (notification: Notification) => void): void {
  const latest = useRef(listener);
  useEffect(() => {
    latest.current = listener;
  });
  useEffect(() => {
    const forward = (notification: Notification) => latest.current(notification);
    listeners.add(forward);
    return () => {
      listeners.delete(forward);
    };
  }, []);
}

export function useLiveState(): LiveState {
  return "open";
}

export function useSendInteraction(): (couponId: string, action: "view" | "click" | "share") => void {
  return (couponId, action) => {
    sentInteractions.push({ couponId, action });
  };
}
