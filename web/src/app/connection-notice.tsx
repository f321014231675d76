import { useEffect, useState } from "react";

import { useLiveState } from "@/lib/live";
import { useSession } from "@/lib/session";

// Says so when live updates stop (the server is unreachable or the network dropped), and when they are back.
export function ConnectionNotice() {
  const { status } = useSession();
  const live = useLiveState();
  const [online, setOnline] = useState(() => navigator.onLine);
  const [wasOpen, setWasOpen] = useState(false);

  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    return () => {
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, []);

  // Only a connection that was open and then lost is news; the first connect after sign-in is not.
  const down = !online || (status === "signed-in" && live === "offline" && wasOpen);
  useEffect(() => {
    if (live === "open") setWasOpen(true);
  }, [live]);

  if (!down) return null;
  return (
    <div className="banner banner-warning connection" role="status">
      {online ? "Reconnecting to Hotel Coupon… live updates will resume on their own." : "You are offline. We will reconnect when the network is back."}
    </div>
  );
}
