export function WalletPage() { return <p>WalletPage is being built.</p>; }
