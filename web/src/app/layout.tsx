import { Suspense } from "react";
import { NavLink, Outlet, useNavigate } from "react-router";

import { ConnectionNotice } from "@/app/connection-notice";
import { Spinner } from "@/components/ui";
import { paths } from "@/config/paths";
import { LiveNotificationToasts, NotificationBell } from "@/features/notifications";
import { useSession } from "@/lib/session";
import type { Role } from "@/types/api";

const navigation: Record<Role, { to: string; label: string }[]> = {
  user: [
    { to: paths.discover, label: "Discover" },
    { to: paths.wallet, label: "My coupons" },
    { to: paths.following, label: "Following" },
  ],
  hotelier: [
    { to: paths.dashboard, label: "Dashboard" },
    { to: paths.manageCoupons, label: "Coupons" },
    { to: paths.desk, label: "Front desk" },
    { to: paths.reports, label: "Reports" },
  ],
};

export function AppLayout() {
  const { user, signOut } = useSession();
  const navigate = useNavigate();

  return (
    <div className="app">
      <a className="skip-link" href="#main">
        Skip to content
      </a>
      <header className="topbar">
        <NavLink to="/" className="brand" aria-label="Hotel Coupon, start page">
          <img src="/favicon.svg" alt="" width="28" height="28" />
          <span>Hotel Coupon</span>
        </NavLink>
        {user !== null && (
          <nav className="nav" aria-label="Main">
            {navigation[user.role].map((item) => (
              <NavLink key={item.to} to={item.to} className="nav-link">
                {item.label}
              </NavLink>
            ))}
          </nav>
        )}
        {user !== null && (
          <div className="topbar-end">
            <NotificationBell />
            <span className="who" title={user.email}>
              {user.hotel?.name ?? user.name}
            </span>
            <button
              type="button"
              className="button button-ghost button-small"
              onClick={() => {
                // The session ends on this device even when the server cannot be told; nothing left to report.
                void signOut()
                  .catch(() => undefined)
                  .then(() => navigate(paths.signIn));
              }}
            >
              Sign out
            </button>
          </div>
        )}
      </header>
      <ConnectionNotice />
      <main id="main" className="main" tabIndex={-1}>
        <Suspense fallback={<Spinner />}>
          <Outlet />
        </Suspense>
      </main>
      {user !== null && <LiveNotificationToasts />}
    </div>
  );
}
