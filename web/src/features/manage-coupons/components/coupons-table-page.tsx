import { Link, useSearchParams } from "react-router";

import { LoadMore } from "@/components/load-more";
import { EmptyState, ErrorBanner, PageHeader, SelectField, Spinner } from "@/components/ui";
import { paths } from "@/config/paths";
import type { CouponStatus } from "@/types/api";

import { useOwnCoupons } from "../api/get-own-coupons";
import { CouponsTable } from "./coupons-table";
import "../manage-coupons.css";

// The hotel's coupons in every status, filtered by status (kept in the address so a reload keeps it).

const STATUSES: readonly CouponStatus[] = ["draft", "active", "paused", "expired", "archived"];

function statusFrom(value: string | null): CouponStatus | null {
  return STATUSES.find((status) => status === value) ?? null;
}

export function CouponsTablePage() {
  const [search, setSearch] = useSearchParams();
  const status = statusFrom(search.get("status"));
  const coupons = useOwnCoupons(status);
  const items = coupons.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <div className="manage-coupons">
      <PageHeader title="Coupons">
        <Link className="button button-primary" to={paths.newCoupon}>
          New coupon
        </Link>
      </PageHeader>
      <div className="coupons-toolbar">
        <SelectField
          label="Status"
          value={status ?? ""}
          onChange={(event) => setSearch(event.target.value === "" ? {} : { status: event.target.value }, { replace: true })}
        >
          <option value="">All statuses</option>
          {STATUSES.map((value) => (
            <option key={value} value={value}>
              {value.charAt(0).toUpperCase() + value.slice(1)}
            </option>
          ))}
        </SelectField>
        {coupons.isSuccess && (
          <p className="muted coupons-count" aria-live="polite">
            {items.length} {items.length === 1 ? "coupon" : "coupons"}
            {coupons.hasNextPage ? " shown so far" : ""}
          </p>
        )}
      </div>
      {coupons.isPending && <Spinner label="Loading coupons…" />}
      {coupons.isError && <ErrorBanner error={coupons.error} onRetry={() => void coupons.refetch()} />}
      {coupons.isSuccess && items.length === 0 && (
        <EmptyState title={status === null ? "No coupons yet" : `No ${status} coupons`}>
          {status === null ? <p>Create your first coupon: travellers who follow your hotel hear about it at once.</p> : null}
        </EmptyState>
      )}
      {items.length > 0 && <CouponsTable coupons={items} />}
      <LoadMore
        hasNextPage={coupons.hasNextPage}
        isFetchingNextPage={coupons.isFetchingNextPage}
        fetchNextPage={() => void coupons.fetchNextPage()}
        auto={!coupons.isFetchNextPageError}
        label="Load more coupons"
      />
    </div>
  );
}
