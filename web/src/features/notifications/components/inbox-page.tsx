import { useNavigate } from "react-router";

import { Button, EmptyState, ErrorBanner, PageHeader, Spinner } from "@/components/ui";
import { formatRelative } from "@/lib/format";
import type { Notification } from "@/types/api";
import { useInbox, useMarkRead } from "../api/notifications";
import { linkOf } from "../links";
import "../notifications.css";

export function InboxPage() {
  const inbox = useInbox();
  const markRead = useMarkRead();
  const navigate = useNavigate();
  const items = inbox.data?.pages.flatMap((page) => page.items) ?? [];
  const newest = items[0];
  const anyUnread = items.some((item) => !item.read);

  const open = (notification: Notification) => {
    if (!notification.read) markRead.mutate({ ids: [notification.id] });
    const link = linkOf(notification);
    if (link !== null) void navigate(link.to);
  };

  return (
    <section aria-labelledby="inbox-title">
      <PageHeader title="Notifications">
        {newest !== undefined && anyUnread && (
          <Button variant="secondary" busy={markRead.isPending} onClick={() => markRead.mutate({ up_to: newest.id })}>
            Mark all as read
          </Button>
        )}
      </PageHeader>
      <h1 id="inbox-title" className="visually-hidden">
        Notifications
      </h1>
      {inbox.isPending && <Spinner />}
      {inbox.isError && <ErrorBanner error={inbox.error} onRetry={() => void inbox.refetch()} />}
      {inbox.isSuccess && items.length === 0 && (
        <EmptyState title="Nothing here yet">
          <p>New coupons from hotels you follow, codes used at the desk and finished reports will show up here.</p>
        </EmptyState>
      )}
      {items.length > 0 && (
        <ul className="inbox" data-testid="inbox">
          {items.map((notification) => (
            <li key={notification.id} className={notification.read ? "inbox-item" : "inbox-item inbox-unread"}>
              <button type="button" className="inbox-open" onClick={() => open(notification)}>
                <span className="inbox-title">
                  {!notification.read && <span className="visually-hidden">Unread: </span>}
                  {notification.title}
                </span>
                <span className="inbox-body">{notification.body}</span>
                <time className="small muted" dateTime={notification.created_at} title={new Date(notification.created_at).toLocaleString()}>
                  {formatRelative(notification.created_at)}
                </time>
              </button>
            </li>
          ))}
        </ul>
      )}
      {inbox.hasNextPage && (
        <Button variant="secondary" busy={inbox.isFetchingNextPage} onClick={() => void inbox.fetchNextPage()}>
          Show older
        </Button>
      )}
    </section>
  );
}
