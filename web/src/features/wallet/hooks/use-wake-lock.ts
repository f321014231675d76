import { useEffect } from "react";

/**
 * Keeps the screen on while mounted, where the browser allows it (the desk may take a moment to scan). The lock
 * ends when the tab is hidden, so it is asked for again when the tab is back.
 */
export function useWakeLock(): void {
  useEffect(() => {
    if (!("wakeLock" in navigator)) return;
    let sentinel: WakeLockSentinel | null = null;
    let ended = false;
    const acquire = async () => {
      try {
        const lock = await navigator.wakeLock.request("screen");
        if (ended) void lock.release();
        else sentinel = lock;
      } catch {
        // Refused (battery saver, an iframe): the screen may dim, nothing else changes.
      }
    };
    const onVisibility = () => {
      if (document.visibilityState === "visible") void acquire();
    };
    void acquire();
    document.addEventListener("visibilitychange", onVisibility);
    return () => {
      ended = true;
      document.removeEventListener("visibilitychange", onVisibility);
      void sentinel?.release();
    };
  }, []);
}
