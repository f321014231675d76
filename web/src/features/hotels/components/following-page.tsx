import { Link } from "react-router";

import { QueryLoadMore } from "@/components/load-more";
import { EmptyState, ErrorBanner, PageHeader, Spinner } from "@/components/ui";
import { paths } from "@/config/paths";

import { useSubscriptions } from "../api/get-subscriptions";
import { FollowingItem } from "./following-item";

import "./hotels.css";

export function FollowingPage() {
  const subscriptions = useSubscriptions();
  const items = subscriptions.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="following">
      <title>Following · Hotel Coupon</title>
      <PageHeader title="Following" />
      {subscriptions.isPending ? (
        <Spinner label="Loading the hotels you follow…" />
      ) : subscriptions.isError && items.length === 0 ? (
        <ErrorBanner error={subscriptions.error} onRetry={() => void subscriptions.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title="You do not follow any hotels yet">
          <p>Follow a hotel to hear first when it publishes a coupon. Claiming a coupon follows its hotel for you.</p>
          <Link to={paths.discover} className="button button-primary">
            Discover coupons
          </Link>
        </EmptyState>
      ) : (
        <>
          <p className="muted following-intro">These hotels tell you as soon as they publish a new coupon.</p>
          <ul className="following-list">
            {items.map((subscription) => (
              <FollowingItem key={subscription.hotel.id} subscription={subscription} />
            ))}
          </ul>
          <QueryLoadMore query={subscriptions} />
        </>
      )}
    </div>
  );
}
