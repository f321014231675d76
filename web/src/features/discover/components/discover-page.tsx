export function DiscoverPage() { return <p>DiscoverPage is being built.</p>; }
