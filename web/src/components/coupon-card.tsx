import { Link } from "react-router";

import { CouponImage } from "@/components/coupon-image";
import { paths, pathTo } from "@/config/paths";
import { discountLabel, endsLabel, remainingLabel } from "@/lib/coupon-text";
import type { Coupon } from "@/types/api";

import "./coupon-card.css";

// One coupon in a grid of results: the whole card is the link to the coupon's page, its title is a heading.

export function Discount({ percent, className = "" }: { percent: number; className?: string }) {
  return (
    <span className={`discount ${className}`}>
      <span aria-hidden="true">{discountLabel(percent)}</span>
      <span className="visually-hidden">{percent}% off</span>
    </span>
  );
}

export function CouponCard({ coupon, headingLevel = 2 }: { coupon: Coupon; headingLevel?: 2 | 3 }) {
  const Heading = headingLevel === 2 ? "h2" : "h3";
  const soldOut = coupon.remaining !== null && coupon.remaining <= 0;
  return (
    <Link to={pathTo(paths.coupon, coupon.id)} className={`card coupon-card ${soldOut ? "coupon-card-sold-out" : ""}`}>
      <div className="coupon-card-media">
        <CouponImage coupon={coupon} className="card-image" />
        <Discount percent={coupon.discount_percent} className="coupon-card-discount" />
      </div>
      <div className="card-body">
        <Heading className="coupon-card-title">{coupon.title}</Heading>
        <p className="coupon-card-hotel">
          {coupon.hotel.name} · {coupon.hotel.city}
        </p>
        <p className="coupon-card-facts small">
          <span className={soldOut ? "coupon-card-left coupon-card-left-none" : "coupon-card-left"}>
            {remainingLabel(coupon.remaining)}
          </span>
          <span aria-hidden="true"> · </span>
          <span>{endsLabel(coupon)}</span>
        </p>
      </div>
    </Link>
  );
}

/** Coupons as a responsive grid of cards (a list, so screen readers say how many). */
export function CouponGrid({ coupons, headingLevel = 2, label }: { coupons: Coupon[]; headingLevel?: 2 | 3; label: string }) {
  return (
    <ul className="card-grid coupon-grid" aria-label={label}>
      {coupons.map((coupon) => (
        <li key={coupon.id}>
          <CouponCard coupon={coupon} headingLevel={headingLevel} />
        </li>
      ))}
    </ul>
  );
}
