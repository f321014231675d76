export function DeskPage() { return <p>DeskPage is being built.</p>; }
