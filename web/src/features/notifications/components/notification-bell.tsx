export function NotificationBell() { return <p>NotificationBell is being built.</p>; }
