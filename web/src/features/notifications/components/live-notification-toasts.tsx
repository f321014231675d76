export function LiveNotificationToasts() { return <p>LiveNotificationToasts is being built.</p>; }
