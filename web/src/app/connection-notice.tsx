import { useEffect, useState } from "react";

import { useLiveState } from "@/lib/live";
import { useSession } from "@/lib/session";

// Says so while live updates are down (the server is unreachable or the network dropped); gone once they are back.
export function ConnectionNotice() {
  const { status } = useSession();
  const live = useLiveState();
  const [online, setOnline] = useState(() => navigator.onLine);
  // Only a connection that was open and then lost is news; the first connect after sign-in is not.
  const [wasOpen, setWasOpen] = useState(false);
  const signedIn = status === "signed-in";
  if (live === "open" && signedIn && !wasOpen) setWasOpen(true);
  if (!signedIn && wasOpen) setWasOpen(false); // the next account starts afresh

  useEffect(() => {
    const update = () => setOnline(navigator.onLine);
    window.addEventListener("online", update);
    window.addEventListener("offline", update);
    return () => {
      window.removeEventListener("online", update);
      window.removeEventListener("offline", update);
    };
  }, []);

  const down = !online || (signedIn && live === "offline" && wasOpen);

  // The live region stays in the page so that screen readers hear the message when it appears.
  return (
    <div role="status">
      {down && (
        <div className="banner banner-warning connection">
          {online ? "Reconnecting to Hotel Coupon… live updates will resume on their own." : "You are offline. We will reconnect when the network is back."}
        </div>
      )}
    </div>
  );
}
