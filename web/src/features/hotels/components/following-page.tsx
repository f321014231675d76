export function FollowingPage() { return <p>FollowingPage is being built.</p>; }
