export function DashboardPage() { return <p>DashboardPage is being built.</p>; }
