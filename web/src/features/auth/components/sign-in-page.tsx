export function SignInPage() { return <p>SignInPage is being built.</p>; }
