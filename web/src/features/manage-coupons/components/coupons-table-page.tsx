export function CouponsTablePage() { return <p>CouponsTablePage is being built.</p>; }
