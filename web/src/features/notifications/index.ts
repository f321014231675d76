export { InboxPage } from "./components/inbox-page";
export { NotificationBell } from "./components/notification-bell";
export { LiveNotificationToasts } from "./components/live-notification-toasts";
