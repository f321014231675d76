import { useNavigate } from "react-router";

import { LoadMore } from "@/components/load-more";
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
    <div className="inbox-page">
      <title>Notifications · Hotel Coupon</title>
      <PageHeader title="Notifications">
        {newest !== undefined && anyUnread && (
          <Button variant="secondary" busy={markRead.isPending} onClick={() => markRead.mutate({ up_to: newest.id })}>
            Mark all as read
          </Button>
        )}
      </PageHeader>
      {markRead.isError && <ErrorBanner error={markRead.error} />}
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
      <LoadMore
        hasNextPage={inbox.hasNextPage}
        isFetchingNextPage={inbox.isFetchingNextPage}
        fetchNextPage={() => void inbox.fetchNextPage()}
        auto={false}
        label="Show older"
      />
    </div>
  );
}
