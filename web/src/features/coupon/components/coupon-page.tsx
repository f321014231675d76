export function CouponPage() { return <p>CouponPage is being built.</p>; }
