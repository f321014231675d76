import { useSearchParams } from "react-router";

import { ErrorBanner, PageHeader, Spinner } from "@/components/ui";
import type { DateRange } from "@/lib/date-range";
import { isoDate } from "@/lib/format";
import { useUser } from "@/lib/session";

import { useStats } from "../api/get-stats";
import { useLiveStats } from "../hooks/use-live-stats";
import { rangeFromSearch } from "../utils/range";
import { DailyChart } from "./daily-chart";
import { RangePicker } from "./range-picker";
import { StatTiles } from "./stat-tiles";
import { TopCoupons } from "./top-coupons";
import "../dashboard.css";

// How the hotel's coupons are doing, live: figures for a period in the hotel's own calendar, refreshed every few
// seconds while the tab is visible and at once when something happens.

const clock = new Intl.DateTimeFormat(undefined, { hour: "2-digit", minute: "2-digit", second: "2-digit" });

export function DashboardPage() {
  const timeZone = useUser().hotel?.timezone;
  const today = isoDate(new Date(), timeZone);
  const [search, setSearch] = useSearchParams();
  const range = rangeFromSearch(search, today);
  const stats = useStats(range);
  useLiveStats();

  const choose = (next: DateRange) => setSearch({ from: next.from, to: next.to }, { replace: true });

  return (
    <div className="dashboard">
      <PageHeader title="Dashboard">
        {stats.data !== undefined && (
          <p className="dashboard-updated muted small">
            <span className={`live-dot ${stats.isRefetchError ? "live-dot-stale" : ""}`} aria-hidden="true" />
            {stats.isRefetchError ? "Not updating" : "Live"} · updated {clock.format(stats.dataUpdatedAt)}
          </p>
        )}
      </PageHeader>
      <RangePicker range={range} today={today} onChange={choose} />
      {stats.isPending && <Spinner label="Loading figures…" />}
      {stats.isError && <ErrorBanner error={stats.error} onRetry={() => void stats.refetch()} />}
      {stats.data !== undefined && (
        <div className={`dashboard-body ${stats.isPlaceholderData ? "dashboard-body-stale" : ""}`} aria-busy={stats.isPlaceholderData || undefined}>
          <section aria-labelledby="dashboard-totals">
            <h2 id="dashboard-totals" className="visually-hidden">
              Totals for the period
            </h2>
            <StatTiles totals={stats.data.totals} />
          </section>
          <section className="panel" aria-labelledby="dashboard-daily">
            <h2 id="dashboard-daily">Day by day</h2>
            <DailyChart daily={stats.data.daily} />
          </section>
          <section className="panel" aria-labelledby="dashboard-top">
            <h2 id="dashboard-top">Top coupons</h2>
            <TopCoupons coupons={stats.data.coupons} />
          </section>
        </div>
      )}
    </div>
  );
}
