export function CouponEditorPage() { return <p>CouponEditorPage is being built.</p>; }
