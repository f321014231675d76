import { Link } from "react-router";

import { paths } from "@/config/paths";
import { useUnreadCount } from "../api/notifications";
import { badgeText } from "../links";
import "../notifications.css";

export function NotificationBell() {
  const unread = useUnreadCount();
  const count = unread.data?.count ?? 0;
  const more = unread.data?.more ?? false;
  const label = count === 0 ? "Notifications, none unread" : `Notifications, ${badgeText(count, more)} unread`;
  return (
    <Link to={paths.inbox} className="bell" aria-label={label} data-testid="notification-bell">
      <svg viewBox="0 0 24 24" width="24" height="24" aria-hidden="true">
        <path
          d="M12 22a2.5 2.5 0 0 0 2.45-2h-4.9A2.5 2.5 0 0 0 12 22Zm7-6V11a7 7 0 0 0-5.5-6.84V3.5a1.5 1.5 0 0 0-3 0v.66A7 7 0 0 0 5 11v5l-2 2v1h18v-1Z"
          fill="currentColor"
        />
      </svg>
      {count > 0 && (
        <span className="bell-count" aria-hidden="true">
          {badgeText(count, more)}
        </span>
      )}
    </Link>
  );
}
