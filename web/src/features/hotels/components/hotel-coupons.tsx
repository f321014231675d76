import { CouponGrid } from "@/components/coupon-card";
import { QueryLoadMore } from "@/components/load-more";
import { EmptyState, ErrorBanner, Spinner } from "@/components/ui";

import { useHotelCoupons } from "../api/get-hotel-coupons";

import "./hotels.css";

// The hotel's coupons on offer now, as the same cards as Discover.

export function HotelCoupons({ hotelId, hotelName }: { hotelId: string; hotelName: string }) {
  const coupons = useHotelCoupons(hotelId);
  const items = coupons.data?.pages.flatMap((page) => page.items) ?? [];
  return (
    <section className="hotel-coupons" aria-labelledby="hotel-coupons-title">
      <h2 id="hotel-coupons-title">Active coupons</h2>
      {coupons.isPending ? (
        <Spinner label="Loading coupons…" />
      ) : coupons.isError && items.length === 0 ? (
        <ErrorBanner error={coupons.error} onRetry={() => void coupons.refetch()} />
      ) : items.length === 0 ? (
        <EmptyState title="No coupons on offer right now">
          <p>Follow {hotelName} to hear first when it publishes one.</p>
        </EmptyState>
      ) : (
        <>
          <CouponGrid coupons={items} headingLevel={3} label={`Coupons from ${hotelName}`} />
          <QueryLoadMore query={coupons} />
        </>
      )}
    </section>
  );
}
