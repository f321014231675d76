import { Link, useLocation, useNavigate, useParams } from "react-router";

import { Discount } from "@/components/coupon-card";
import { CouponImage } from "@/components/coupon-image";
import { ErrorBanner, Spinner } from "@/components/ui";
import { paths, pathTo } from "@/config/paths";
import { ApiError } from "@/lib/api-error";
import { remainingLabel, stayLabel, timeZoneLabel, validityLabel } from "@/lib/coupon-text";
import type { Coupon } from "@/types/api";

import { useCoupon } from "../api/get-coupon";
import { useViewOnce } from "../hooks/use-view-once";
import { ClaimBox } from "./claim-box";

import "./coupon.css";

function BackLink() {
  const location = useLocation();
  const navigate = useNavigate();
  // Back to the results as they were (filters and all) when we came from inside the app; else to Discover.
  const cameFromApp = location.key !== "default";
  return (
    <Link
      to={paths.discover}
      className="coupon-back"
      onClick={(event) => {
        if (!cameFromApp) return;
        event.preventDefault();
        void navigate(-1);
      }}
    >
      <span aria-hidden="true">← </span>Back to coupons
    </Link>
  );
}

function CouponDetails({ coupon }: { coupon: Coupon }) {
  const stay = stayLabel(coupon.stay_from, coupon.stay_until);
  const soldOut = coupon.remaining !== null && coupon.remaining <= 0;
  return (
    <article className="coupon-detail">
      <title>{`${coupon.title} · Hotel Coupon`}</title>
      <div className="coupon-layout">
        <div className="coupon-media">
          <CouponImage coupon={coupon} className="coupon-hero" eager />
        </div>
        <div className="coupon-main">
          <Discount percent={coupon.discount_percent} className="coupon-discount" />
          <h1>{coupon.title}</h1>
          <p className="coupon-hotel">
            <Link to={pathTo(paths.hotel, coupon.hotel.id)}>{coupon.hotel.name}</Link>
            <span className="muted"> · {coupon.hotel.city}</span>
          </p>
          <ul className="coupon-facts">
            <li className={soldOut ? "coupon-left coupon-left-none" : "coupon-left"}>{remainingLabel(coupon.remaining)}</li>
            <li>{validityLabel(coupon)}</li>
            {stay !== null && <li>{stay}</li>}
            <li className="muted small">Dates in the hotel’s time zone: {timeZoneLabel(coupon.hotel.timezone)}</li>
          </ul>
          <ClaimBox key={coupon.id} coupon={coupon} />
        </div>
      </div>
      <div className="coupon-text">
        <section aria-labelledby="coupon-about">
          <h2 id="coupon-about">About this offer</h2>
          <p className="coupon-prose">{coupon.description}</p>
        </section>
        {coupon.terms.trim() !== "" && (
          <section aria-labelledby="coupon-terms">
            <h2 id="coupon-terms">Terms</h2>
            <p className="coupon-prose">{coupon.terms}</p>
          </section>
        )}
      </div>
    </article>
  );
}

/** A missing coupon stays missing: no "Try again" for it. */
function isGone(error: unknown): boolean {
  return error instanceof ApiError && error.status === 404;
}

export function CouponPage() {
  const { id = "" } = useParams();
  const coupon = useCoupon(id);
  useViewOnce(coupon.data?.id);

  return (
    <div className="coupon-page">
      <BackLink />
      {coupon.isPending ? (
        <Spinner label="Loading the coupon…" />
      ) : coupon.isError ? (
        <>
          <h1>Coupon</h1>
          <ErrorBanner
            error={coupon.error}
            {...(isGone(coupon.error) ? {} : { onRetry: () => void coupon.refetch() })}
          />
          <p>
            <Link to={paths.discover}>Browse other coupons</Link>
          </p>
        </>
      ) : (
        <CouponDetails coupon={coupon.data} />
      )}
    </div>
  );
}
