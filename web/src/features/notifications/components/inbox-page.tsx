export function InboxPage() { return <p>InboxPage is being built.</p>; }
