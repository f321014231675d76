import { useState, type SyntheticEvent } from "react";
import { Link, useNavigate, useSearchParams } from "react-router";

import { Button, ErrorBanner, InputField } from "@/components/ui";
import { afterSignIn, paths } from "@/config/paths";
import { fieldErrors } from "@/lib/api-error";
import { useSession } from "@/lib/session";

export function SignInPage() {
  const { signIn } = useSession();
  const navigate = useNavigate();
  const [params] = useSearchParams();
  const [email, setEmail] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<unknown>(null);
  const fieldError = fieldErrors(error);

  const submit = async (event: SyntheticEvent) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      const user = await signIn(email.trim(), password);
      await navigate(afterSignIn(params.get("next"), user.role), { replace: true });
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  };

  return (
    <div className="auth">
      <title>Sign in · Hotel Coupon</title>
      <form className="panel" onSubmit={(event) => void submit(event)} noValidate aria-labelledby="sign-in-title">
        <h1 id="sign-in-title">Sign in</h1>
        <p className="muted">Claim hotel discounts, or run your hotel's coupons and front desk.</p>
        {error !== null && <ErrorBanner error={error} />}
        <InputField
          label="E-mail"
          type="email"
          autoComplete="email"
          required
          value={email}
          error={fieldError.email}
          onChange={(e) => setEmail(e.target.value)}
          autoFocus
        />
        <InputField
          label="Password"
          type="password"
          autoComplete="current-password"
          required
          value={password}
          error={fieldError.password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <Button type="submit" busy={busy} className="button-block">
          Sign in
        </Button>
        <p className="small">
          New here? <Link to={paths.register}>Create an account</Link>
        </p>
      </form>
    </div>
  );
}
