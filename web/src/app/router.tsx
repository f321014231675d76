import { lazy } from "react";
import { createBrowserRouter, Navigate } from "react-router";

import { AppLayout } from "@/app/layout";
import { HomeRedirect, RequireRole, SignedOutOnly } from "@/app/guards";
import { NotFoundPage } from "@/app/not-found";
import { paths } from "@/config/paths";

// Every screen is its own chunk, so a traveller's first load carries none of the hotelier's screens.
const SignInPage = lazy(() => import("@/features/auth").then((m) => ({ default: m.SignInPage })));
const RegisterPage = lazy(() => import("@/features/auth").then((m) => ({ default: m.RegisterPage })));
const InboxPage = lazy(() => import("@/features/notifications").then((m) => ({ default: m.InboxPage })));
const DiscoverPage = lazy(() => import("@/features/discover").then((m) => ({ default: m.DiscoverPage })));
const CouponPage = lazy(() => import("@/features/coupon").then((m) => ({ default: m.CouponPage })));
const WalletPage = lazy(() => import("@/features/wallet").then((m) => ({ default: m.WalletPage })));
const HotelPage = lazy(() => import("@/features/hotels").then((m) => ({ default: m.HotelPage })));
const FollowingPage = lazy(() => import("@/features/hotels").then((m) => ({ default: m.FollowingPage })));
const DashboardPage = lazy(() => import("@/features/dashboard").then((m) => ({ default: m.DashboardPage })));
const CouponsTablePage = lazy(() => import("@/features/manage-coupons").then((m) => ({ default: m.CouponsTablePage })));
const CouponEditorPage = lazy(() => import("@/features/manage-coupons").then((m) => ({ default: m.CouponEditorPage })));
const DeskPage = lazy(() => import("@/features/desk").then((m) => ({ default: m.DeskPage })));
const ReportsPage = lazy(() => import("@/features/reports").then((m) => ({ default: m.ReportsPage })));

export const router = createBrowserRouter([
  {
    element: <AppLayout />,
    children: [
      { path: "/", element: <HomeRedirect /> },
      { element: <SignedOutOnly />, children: [
        { path: paths.signIn, element: <SignInPage /> },
        { path: paths.register, element: <RegisterPage /> },
      ] },
      { element: <RequireRole />, children: [{ path: paths.inbox, element: <InboxPage /> }] },
      { element: <RequireRole role="user" />, children: [
        { path: paths.discover, element: <DiscoverPage /> },
        { path: paths.coupon, element: <CouponPage /> },
        { path: paths.wallet, element: <WalletPage /> },
        { path: paths.hotel, element: <HotelPage /> },
        { path: paths.following, element: <FollowingPage /> },
      ] },
      { element: <RequireRole role="hotelier" />, children: [
        { path: paths.dashboard, element: <DashboardPage /> },
        { path: paths.manageCoupons, element: <CouponsTablePage /> },
        { path: paths.newCoupon, element: <CouponEditorPage /> },
        { path: paths.editCoupon, element: <CouponEditorPage /> },
        { path: paths.desk, element: <DeskPage /> },
        { path: paths.reports, element: <ReportsPage /> },
      ] },
      { path: "/home", element: <Navigate to="/" replace /> },
      { path: "*", element: <NotFoundPage /> },
    ],
  },
]);
