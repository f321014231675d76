import { Link, useParams } from "react-router";

import { ErrorBanner, Spinner } from "@/components/ui";
import { paths } from "@/config/paths";
import { ApiError } from "@/lib/api-error";
import { formatDate, formatNumber } from "@/lib/format";

import { useHotel, type HotelProfile } from "../api/get-hotel";
import { useAllSubscriptions } from "../api/get-subscriptions";
import { FollowButton } from "./follow-button";
import { HotelCoupons } from "./hotel-coupons";

import "./hotels.css";

function plural(count: number, one: string, many: string): string {
  return `${formatNumber(count)} ${count === 1 ? one : many}`;
}

function initials(name: string): string {
  return name
    .split(/\s+/)
    .filter((word) => word !== "")
    .slice(0, 2)
    .map((word) => word[0]?.toUpperCase() ?? "")
    .join("");
}

function HotelHeader({ hotel }: { hotel: HotelProfile }) {
  const subscriptions = useAllSubscriptions();
  const mine = subscriptions.data?.find((subscription) => subscription.hotel.id === hotel.id);
  return (
    <header className="panel hotel-header">
      {hotel.logo_url !== null && hotel.logo_url !== "" ? (
        <img className="hotel-logo" src={hotel.logo_url} alt={`${hotel.name} logo`} width={96} height={96} />
      ) : (
        <span className="hotel-logo hotel-logo-initials" aria-hidden="true">
          {initials(hotel.name)}
        </span>
      )}
      <div className="hotel-header-main">
        <h1>{hotel.name}</h1>
        <p className="hotel-place">
          {hotel.city}, {hotel.country}
        </p>
        <p className="hotel-stats small">
          <span>{plural(hotel.followers, "follower", "followers")}</span>
          <span aria-hidden="true"> · </span>
          <span>{plural(hotel.active_coupons, "active coupon", "active coupons")}</span>
        </p>
      </div>
      <div className="hotel-follow">
        {subscriptions.isPending ? (
          <Spinner label="Checking…" />
        ) : (
          <>
            <FollowButton key={hotel.id} hotelId={hotel.id} following={mine !== undefined} hotelName={hotel.name} />
            <p className="muted small hotel-follow-note">
              {mine !== undefined
                ? `Following since ${formatDate(mine.since)}`
                : "Follow to hear first about new coupons."}
            </p>
          </>
        )}
      </div>
    </header>
  );
}

export function HotelPage() {
  const { id = "" } = useParams();
  const hotel = useHotel(id);

  if (hotel.isPending) return <Spinner label="Loading the hotel…" />;
  if (hotel.isError) {
    const gone = hotel.error instanceof ApiError && hotel.error.status === 404;
    return (
      <>
        <h1>Hotel</h1>
        <ErrorBanner error={hotel.error} {...(gone ? {} : { onRetry: () => void hotel.refetch() })} />
        <p>
          <Link to={paths.discover}>Discover coupons</Link>
        </p>
      </>
    );
  }
  return (
    <div className="hotel-page">
      <title>{`${hotel.data.name} · Hotel Coupon`}</title>
      <HotelHeader hotel={hotel.data} />
      {hotel.data.description.trim() !== "" && <p className="hotel-description">{hotel.data.description}</p>}
      <HotelCoupons hotelId={hotel.data.id} hotelName={hotel.data.name} />
    </div>
  );
}
