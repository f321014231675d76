export function ReportsPage() { return <p>ReportsPage is being built.</p>; }
