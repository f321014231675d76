import { useEffect, useRef, useState, type ReactNode, type RefObject } from "react";
import { Link } from "react-router";

import { LoadMore } from "@/components/load-more";
import { EmptyState, ErrorBanner, PageHeader, Spinner } from "@/components/ui";
import { paths } from "@/config/paths";
import type { Redemption } from "@/types/api";

import { useRedemptions } from "../api/get-redemptions";
import { useLiveUses } from "../hooks/use-live-uses";
import { buildWallet } from "../utils/wallet";
import { DeskView } from "./desk-view";
import { PastItem } from "./past-item";
import { ReadyItem } from "./ready-item";

import "./wallet.css";

type RedemptionsQuery = ReturnType<typeof useRedemptions>;

function items(query: RedemptionsQuery): Redemption[] {
  return query.data?.pages.flatMap((page) => page.items) ?? [];
}

interface SectionProps {
  testId: string;
  title: string;
  count: number;
  query: RedemptionsQuery;
  headingRef?: RefObject<HTMLHeadingElement | null>;
  children: ReactNode;
}

function WalletSection({ testId, title, count, query, headingRef, children }: SectionProps) {
  const titleId = `${testId}-title`;
  return (
    <section className="wallet-section" data-testid={testId} aria-labelledby={titleId}>
      <div className="wallet-section-head">
        <h2 id={titleId} ref={headingRef} tabIndex={-1}>
          {title}
        </h2>
        {count > 0 && (
          <span className="wallet-count" aria-hidden="true">
            {count}
          </span>
        )}
      </div>
      {children}
      <LoadMore
        hasNextPage={query.hasNextPage}
        isFetchingNextPage={query.isFetchingNextPage}
        fetchNextPage={() => void query.fetchNextPage()}
        auto={false}
        label="Show more"
      />
    </section>
  );
}

function ReadyList({ redemptions, onShow, onCancelled }: { redemptions: Redemption[]; onShow: (id: string) => void; onCancelled: (redemption: Redemption) => void }) {
  if (redemptions.length === 0) {
    return (
      <EmptyState title="No coupons ready to use">
        <p>Claim a coupon and its code shows up here, ready for the front desk.</p>
        <Link to={paths.discover} className="button button-primary">
          Discover coupons
        </Link>
      </EmptyState>
    );
  }
  return (
    <ul className="wallet-list">
      {redemptions.map((redemption) => (
        <ReadyItem key={redemption.id} redemption={redemption} onShow={onShow} onCancelled={onCancelled} />
      ))}
    </ul>
  );
}

function PastList({ redemptions, emptyText }: { redemptions: Redemption[]; emptyText: string }) {
  if (redemptions.length === 0) return <p className="muted wallet-none">{emptyText}</p>;
  return (
    <ul className="wallet-rows">
      {redemptions.map((redemption) => (
        <PastItem key={redemption.id} redemption={redemption} />
      ))}
    </ul>
  );
}

export function WalletPage() {
  const ready = useRedemptions("redeemed");
  const used = useRedemptions("used");
  const cancelled = useRedemptions("cancelled");
  const liveUses = useLiveUses();
  // Claims cancelled on this screen, shown as such at once while the lists refresh.
  const [cancelledNow, setCancelledNow] = useState<Redemption[]>([]);
  const [deskId, setDeskId] = useState<string | null>(null);
  const [announcement, setAnnouncement] = useState("");
  const readyHeading = useRef<HTMLHeadingElement>(null);
  const usedHeading = useRef<HTMLHeadingElement>(null);
  const [focusReady, setFocusReady] = useState(0);

  useEffect(() => {
    if (focusReady > 0) readyHeading.current?.focus();
  }, [focusReady]);

  const queries = [ready, used, cancelled];
  const failed = queries.find((query) => query.isError);
  const wallet = buildWallet(
    { ready: items(ready), used: items(used), cancelled: [...cancelledNow, ...items(cancelled)] },
    liveUses,
  );
  const shown = deskId === null ? undefined : [...wallet.ready, ...wallet.used, ...wallet.cancelled].find((r) => r.id === deskId);
  const onCancelled = (done: Redemption) => {
    setCancelledNow((known) => [done, ...known]);
    setAnnouncement(`Claim cancelled: ${done.coupon.title}.`);
    setFocusReady((count) => count + 1);
  };

  if (queries.some((query) => query.isPending)) {
    return (
      <>
        <title>My coupons · Hotel Coupon</title>
        <PageHeader title="My coupons" />
        <Spinner label="Loading your coupons…" />
      </>
    );
  }
  return (
    <div className="wallet">
      <title>My coupons · Hotel Coupon</title>
      <PageHeader title="My coupons" />
      <p className="visually-hidden" role="status">
        {announcement}
      </p>
      {failed !== undefined && (
        <ErrorBanner
          error={failed.error}
          onRetry={() => {
            for (const query of queries) if (query.isError) void query.refetch();
          }}
        />
      )}
      <WalletSection testId="wallet-ready" title="Ready to use" count={wallet.ready.length} query={ready} headingRef={readyHeading}>
        <ReadyList redemptions={wallet.ready} onShow={setDeskId} onCancelled={onCancelled} />
      </WalletSection>
      <WalletSection testId="wallet-used" title="Used" count={wallet.used.length} query={used} headingRef={usedHeading}>
        <PastList redemptions={wallet.used} emptyText="Coupons you use at a hotel’s front desk appear here." />
      </WalletSection>
      <WalletSection testId="wallet-cancelled" title="Cancelled" count={wallet.cancelled.length} query={cancelled}>
        <PastList redemptions={wallet.cancelled} emptyText="No cancelled claims." />
      </WalletSection>
      {shown !== undefined && (
        <DeskView redemption={shown} onClose={() => setDeskId(null)} fallbackFocus={() => usedHeading.current} />
      )}
    </div>
  );
}
