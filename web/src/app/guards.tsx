import { Navigate, Outlet, useLocation, useSearchParams } from "react-router";

import { Spinner } from "@/components/ui";
import { afterSignIn, homeOf } from "@/config/paths";
import { useSession } from "@/lib/session";
import type { Role } from "@/types/api";

/** Screens for signed-in people (of one role, if given); others are sent to sign in, then brought back. */
export function RequireRole({ role }: { role?: Role }) {
  const { status, user } = useSession();
  const location = useLocation();
  if (status === "loading") return <Spinner />;
  if (user === null) {
    const next = encodeURIComponent(location.pathname + location.search);
    return <Navigate to={`/signin?next=${next}`} replace />;
  }
  if (role !== undefined && user.role !== role) return <Navigate to={homeOf(user.role)} replace />;
  return <Outlet />;
}

/** Sign in and register; a signed-in visitor goes on to the page that sent them here, or their start page. */
export function SignedOutOnly() {
  const { status, user } = useSession();
  const [params] = useSearchParams();
  if (status === "loading") return <Spinner />;
  if (user !== null) return <Navigate to={afterSignIn(params.get("next"), user.role)} replace />;
  return <Outlet />;
}

export function HomeRedirect() {
  const { status, user } = useSession();
  if (status === "loading") return <Spinner />;
  return <Navigate to={user === null ? "/signin" : homeOf(user.role)} replace />;
}
