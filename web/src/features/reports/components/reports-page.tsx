import { LoadMore } from "@/components/load-more";
import { EmptyState, ErrorBanner, PageHeader, Spinner } from "@/components/ui";
import { isoDate } from "@/lib/format";
import { useUser } from "@/lib/session";

import { useReports } from "../api/get-reports";
import { useRefreshReportsOnReady } from "../hooks/use-refresh-on-ready";
import { ReportForm } from "./report-form";
import { ReportsTable } from "./reports-table";
import "../reports.css";

// PDF and CSV reports of a period, prepared in the background: ask for one, watch it progress, download it.

export function ReportsPage() {
  const timeZone = useUser().hotel?.timezone;
  const today = isoDate(new Date(), timeZone);
  const reports = useReports();
  useRefreshReportsOnReady();
  const items = reports.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="reports">
      <PageHeader title="Reports" />
      <section className="panel report-form-panel" aria-labelledby="new-report">
        <h2 id="new-report">New report</h2>
        <p className="muted small">Views, claims and uses per coupon and per day, for any period of up to a year (dates in your hotel's time zone).</p>
        <ReportForm today={today} />
      </section>
      <section aria-labelledby="past-reports" className="reports-list">
        <h2 id="past-reports">Your reports</h2>
        {reports.isPending && <Spinner label="Loading reports…" />}
        {reports.isError && <ErrorBanner error={reports.error} onRetry={() => void reports.refetch()} />}
        {reports.isSuccess && items.length === 0 && <EmptyState title="No reports yet">Reports you create appear here.</EmptyState>}
        {items.length > 0 && <ReportsTable reports={items} timeZone={timeZone} />}
        <LoadMore
          hasNextPage={reports.hasNextPage}
          isFetchingNextPage={reports.isFetchingNextPage}
          fetchNextPage={() => void reports.fetchNextPage()}
          auto={false}
          label="Show older reports"
        />
      </section>
    </div>
  );
}
