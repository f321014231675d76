export function RegisterPage() { return <p>RegisterPage is being built.</p>; }
