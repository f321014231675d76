export { InboxPage } from "./components/inbox-page";
export { LiveNotificationToasts } from "./components/live-notification-toasts";
export { NotificationBell } from "./components/notification-bell";
