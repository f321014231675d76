import "./coupon-card.css";

// A coupon's picture, or a calm placeholder in one of a few brand tones when the hotel has not uploaded one.

const TONES = 4;

/** A stable tone (0–3) for a coupon, so its placeholder looks the same on every screen. */
export function placeholderTone(seed: string): number {
  let hash = 0;
  for (const char of seed) hash = (hash * 31 + (char.codePointAt(0) ?? 0)) >>> 0;
  return hash % TONES;
}

interface CouponImageProps {
  coupon: { id: string; image_url: string | null; hotel: { name: string } };
  className?: string;
  /** The image's description; empty (decorative) where the title next to it says it all. */
  alt?: string;
  eager?: boolean;
}

export function CouponImage({ coupon, className = "", alt = "", eager = false }: CouponImageProps) {
  if (coupon.image_url === null || coupon.image_url === "") {
    return (
      <div className={`coupon-placeholder coupon-placeholder-${placeholderTone(coupon.id)} ${className}`} aria-hidden="true">
        <svg viewBox="0 0 64 40" className="coupon-placeholder-ticket" focusable="false">
          <path d="M4 4h56v10a6 6 0 0 0 0 12v10H4V26a6 6 0 0 0 0-12z" />
          <text x="32" y="26" textAnchor="middle">%</text>
        </svg>
        <span className="coupon-placeholder-hotel">{coupon.hotel.name}</span>
      </div>
    );
  }
  return (
    <img
      className={className}
      src={coupon.image_url}
      alt={alt}
      width={640}
      height={360}
      loading={eager ? "eager" : "lazy"}
      decoding="async"
    />
  );
}
