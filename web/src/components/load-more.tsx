import { useEffect, useRef } from "react";

import { ErrorBanner } from "@/components/ui";

import "./coupon-card.css";

// The end of a paged list. With `auto`, an IntersectionObserver asks for the next page as the end scrolls near;
// the button is always there too, for keyboards, screen readers and browsers without the observer.

interface LoadMoreProps {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  fetchNextPage: () => unknown;
  /** Load on scroll as well as on click. Off after a failed page, so a broken page is not asked for in a loop. */
  auto?: boolean;
  label?: string;
  /** Said under the list once everything is shown; nothing when omitted. */
  endText?: string;
}

export function LoadMore({ hasNextPage, isFetchingNextPage, fetchNextPage, auto = true, label = "Load more", endText }: LoadMoreProps) {
  const sentinel = useRef<HTMLDivElement>(null);
  const load = useRef(fetchNextPage);
  useEffect(() => {
    load.current = fetchNextPage;
  });

  // Re-observed after each page arrives: if the end is still in view (a tall screen), the fresh observer reports
  // it at once and the next page follows.
  useEffect(() => {
    const element = sentinel.current;
    if (!auto || !hasNextPage || isFetchingNextPage || element === null) return;
    if (typeof IntersectionObserver === "undefined") return;
    const observer = new IntersectionObserver(
      (entries) => {
        if (entries.some((entry) => entry.isIntersecting)) {
          observer.disconnect();
          load.current();
        }
      },
      { rootMargin: "0px 0px 600px 0px" },
    );
    observer.observe(element);
    return () => observer.disconnect();
  }, [auto, hasNextPage, isFetchingNextPage]);

  if (!hasNextPage) return endText !== undefined ? <p className="load-more-end">{endText}</p> : null;
  return (
    <div ref={sentinel} className="load-more">
      {/* Not disabled while loading: a disabled button would drop the keyboard focus. */}
      <button
        type="button"
        className="button button-secondary"
        aria-busy={isFetchingNextPage || undefined}
        onClick={() => {
          if (!isFetchingNextPage) fetchNextPage();
        }}
      >
        {isFetchingNextPage && <span className="spinner spinner-inline" aria-hidden="true" />}
        {label}
      </button>
    </div>
  );
}

/** The parts of a TanStack infinite query that the end of its list needs. */
interface PagedQuery {
  hasNextPage: boolean;
  isFetchingNextPage: boolean;
  isFetchNextPageError: boolean;
  error: unknown;
  fetchNextPage: () => Promise<unknown>;
}

/** LoadMore for an infinite query: a page that failed says why, with a retry, and pauses loading on scroll. */
export function QueryLoadMore({ query, label, endText }: { query: PagedQuery; label?: string; endText?: string }) {
  const fetchNextPage = () => void query.fetchNextPage();
  return (
    <>
      {query.isFetchNextPageError && <ErrorBanner error={query.error} onRetry={fetchNextPage} />}
      <LoadMore
        hasNextPage={query.hasNextPage}
        isFetchingNextPage={query.isFetchingNextPage}
        fetchNextPage={fetchNextPage}
        auto={!query.isFetchNextPageError}
        {...(label !== undefined ? { label } : {})}
        {...(endText !== undefined ? { endText } : {})}
      />
    </>
  );
}
