import { CouponGrid } from "@/components/coupon-card";
import { LoadMore } from "@/components/load-more";
import { Button, EmptyState, ErrorBanner, Spinner } from "@/components/ui";
import type { Coupon } from "@/types/api";

import type { useCouponSearch } from "../api/search-coupons";

import "./discover.css";

// The results of a search: cards, then more as you scroll (or press "Load more").

interface DiscoverResultsProps {
  search: ReturnType<typeof useCouponSearch>;
  narrowed: boolean;
  onClear: () => void;
}

function uniqueById(coupons: Coupon[]): Coupon[] {
  const seen = new Set<string>();
  return coupons.filter((coupon) => !seen.has(coupon.id) && seen.add(coupon.id));
}

export function DiscoverResults({ search, narrowed, onClear }: DiscoverResultsProps) {
  if (search.isPending) return <Spinner label="Finding coupons…" />;
  if (search.data === undefined) return <ErrorBanner error={search.error} onRetry={() => void search.refetch()} />;

  const coupons = uniqueById(search.data.pages.flatMap((page) => page.items));
  const searching = search.isPlaceholderData && search.isFetching;
  const summary = searching
    ? "Searching…"
    : coupons.length === 0
      ? ""
      : `${coupons.length} coupon${coupons.length === 1 ? "" : "s"}${search.hasNextPage ? ", more below" : ""}`;

  return (
    <section aria-labelledby="discover-results-title" className={searching ? "discover-results is-stale" : "discover-results"}>
      <div className="discover-results-head">
        <h2 id="discover-results-title" className="visually-hidden">
          Results
        </h2>
        <p className="muted small discover-summary" role="status">
          {summary}
        </p>
      </div>
      {search.isError && (
        <ErrorBanner
          error={search.error}
          onRetry={() => void (search.isFetchNextPageError ? search.fetchNextPage() : search.refetch())}
        />
      )}
      {coupons.length === 0 ? (
        <EmptyState title={narrowed ? "No coupons match your search" : "No coupons right now"}>
          <p>
            {narrowed
              ? "Try other words, another city, or a smaller discount."
              : "Hotels publish new offers all the time. Check back soon."}
          </p>
          {narrowed && (
            <Button variant="secondary" onClick={onClear}>
              Clear search and filters
            </Button>
          )}
        </EmptyState>
      ) : (
        <>
          <CouponGrid coupons={coupons} label="Coupons" headingLevel={3} />
          <LoadMore
            hasNextPage={search.hasNextPage}
            isFetchingNextPage={search.isFetchingNextPage}
            fetchNextPage={() => void search.fetchNextPage()}
            auto={!search.isFetchNextPageError}
            {...(search.data.pages.length > 1 ? { endText: "That is every coupon for this search." } : {})}
          />
        </>
      )}
    </section>
  );
}
