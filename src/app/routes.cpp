#include "app/routes.hpp"

namespace hc::app {
namespace {

using net::Access;
using net::BodyKind;
using verb = net::http::verb;

// Binds a handler object's member function as a route handler.
template <class H>
net::Handler on(H& handlers, boost::asio::awaitable<net::Response> (H::*method)(net::RequestContext&)) {
  return [&handlers, method](net::RequestContext& ctx) { return (handlers.*method)(ctx); };
}

// Wakes a background loop once the handler has answered: what it committed (an outbox event, a report job) is
// then taken at once instead of at the loop's next poll.
net::Handler wake_after(const std::function<void()>& wake, net::Handler handler) {
  return [&wake, handler = std::move(handler)](net::RequestContext& ctx) -> boost::asio::awaitable<net::Response> {
    net::Response response = co_await handler(ctx);
    wake();
    co_return response;
  };
}

}  // namespace

net::Router build_router(const Handlers& h) {
  using A = auth::AuthHandlers;
  using O = ops::OpsHandlers;
  using C = coupons::CouponHandlers;
  using H = hotels::HotelHandlers;
  using M = media::MediaHandlers;
  using R = redemptions::RedemptionHandlers;
  using S = subscriptions::SubscriptionHandlers;
  using N = notifications::NotificationHandlers;
  using I = interactions::InteractionHandlers;
  using L = live::SocketEndpoint;
  using P = reports::ReportHandlers;
  using W = web::WebHandlers;
  // The web app's own files and pages are the dispatcher's fallback, not routes (see App::serve_web_app).
  const net::Handler home = h.web != nullptr ? on(*h.web, &W::index) : on(h.ops, &O::home);
  // Publishing a coupon and using a code commit an outbox event for the followers or the guest.
  const auto announcing = [&h](net::Handler handler) { return wake_after(h.wake_outbox, std::move(handler)); };
  net::Router router;
  // clang-format off
  router.add({verb::get,  "/",                      Access::anyone,    BodyKind::none, home});
  router.add({verb::get,  "/healthz",               Access::anyone,    BodyKind::none, on(h.ops, &O::health)});
  router.add({verb::get,  "/readyz",                Access::anyone,    BodyKind::none, on(h.ops, &O::ready)});
  router.add({verb::get,  "/metrics",               Access::anyone,    BodyKind::none, on(h.ops, &O::metrics)});
  router.add({verb::get,  "/api/v1/openapi.json",   Access::anyone,    BodyKind::none, on(h.ops, &O::openapi)});

  router.add({verb::post, "/api/v1/auth/register",  Access::anyone,    BodyKind::json, on(h.auth, &A::register_user)});
  router.add({verb::post, "/api/v1/auth/login",     Access::anyone,    BodyKind::json, on(h.auth, &A::login)});
  router.add({verb::post, "/api/v1/auth/refresh",   Access::anyone,    BodyKind::json, on(h.auth, &A::refresh)});
  router.add({verb::post, "/api/v1/auth/logout",    Access::signed_in, BodyKind::json, on(h.auth, &A::logout)});
  router.add({verb::get,  "/api/v1/me",             Access::signed_in, BodyKind::none, on(h.auth, &A::me)});

  router.add({verb::get,   "/api/v1/hotels/{id}",     Access::signed_in, BodyKind::none,  on(h.hotels, &H::get)});
  router.add({verb::patch, "/api/v1/hotels/mine",     Access::hotelier,  BodyKind::json,  on(h.hotels, &H::update_mine)});
  router.add({verb::put,   "/api/v1/hotels/mine/logo", Access::hotelier, BodyKind::image, on(h.hotels, &H::put_logo)});

  router.add({verb::get,   "/api/v1/coupons",            Access::signed_in, BodyKind::none,  on(h.coupons, &C::search)});
  router.add({verb::post,  "/api/v1/coupons",            Access::hotelier,  BodyKind::json,  announcing(on(h.coupons, &C::create))});
  router.add({verb::get,   "/api/v1/coupons/{id}",       Access::signed_in, BodyKind::none,  on(h.coupons, &C::get)});
  router.add({verb::patch, "/api/v1/coupons/{id}",       Access::hotelier,  BodyKind::json,  announcing(on(h.coupons, &C::edit))});
  router.add({verb::put,   "/api/v1/coupons/{id}/image", Access::hotelier,  BodyKind::image, on(h.coupons, &C::put_image)});
  router.add({verb::get,   "/api/v1/hotelier/coupons",   Access::hotelier,  BodyKind::none,  on(h.coupons, &C::list_own)});

  router.add({verb::put,    "/api/v1/hotels/{id}/subscription", Access::user, BodyKind::none, on(h.subscriptions, &S::follow)});
  router.add({verb::delete_, "/api/v1/hotels/{id}/subscription", Access::user, BodyKind::none, on(h.subscriptions, &S::unfollow)});
  router.add({verb::get,    "/api/v1/me/subscriptions",         Access::user, BodyKind::none, on(h.subscriptions, &S::list)});

  // Creating a redemption, using a code and asking for a report honour Idempotency-Key.
  const auto once = [&h](net::Handler handler) { return net::idempotent(h.idempotency, h.workers, std::move(handler)); };
  router.add({verb::post, "/api/v1/coupons/{id}/redeem",          Access::user,     BodyKind::none, once(on(h.redemptions, &R::claim))});
  router.add({verb::get,  "/api/v1/me/redemptions",               Access::user,     BodyKind::none, on(h.redemptions, &R::wallet)});
  router.add({verb::post, "/api/v1/redemptions/{id}/cancel",      Access::user,     BodyKind::none, on(h.redemptions, &R::cancel)});
  router.add({verb::get,  "/api/v1/redemptions/{id}/qr.svg",      Access::user,     BodyKind::none, on(h.redemptions, &R::qr_svg)});
  router.add({verb::get,  "/api/v1/redemptions/{id}/qr.png",      Access::user,     BodyKind::none, on(h.redemptions, &R::qr_png)});
  router.add({verb::post, "/api/v1/hotelier/redemptions/lookup",  Access::hotelier, BodyKind::json, on(h.redemptions, &R::lookup)});
  router.add({verb::post, "/api/v1/hotelier/redemptions/use",     Access::hotelier, BodyKind::json, announcing(once(on(h.redemptions, &R::use)))});
  router.add({verb::post, "/api/v1/hotelier/redemptions/{id}/undo", Access::hotelier, BodyKind::json, on(h.redemptions, &R::undo)});
  router.add({verb::get,  "/api/v1/hotelier/desk-log",            Access::hotelier, BodyKind::none, on(h.redemptions, &R::audit)});

  router.add({verb::get,  "/api/v1/me/notifications",       Access::signed_in, BodyKind::none, on(h.notifications, &N::list)});
  router.add({verb::post, "/api/v1/me/notifications/read",  Access::signed_in, BodyKind::json, on(h.notifications, &N::mark_read)});

  router.add({verb::post, "/api/v1/interactions",           Access::signed_in, BodyKind::json, on(h.interactions, &I::post_batch)});
  router.add({verb::get,  "/api/v1/hotelier/stats",         Access::hotelier,  BodyKind::none, on(h.interactions, &I::stats)});

  router.add({verb::post, "/api/v1/hotelier/reports",                Access::hotelier, BodyKind::json, wake_after(h.wake_reports, once(on(h.reports, &P::request)))});
  router.add({verb::get,  "/api/v1/hotelier/reports",                Access::hotelier, BodyKind::none, on(h.reports, &P::list)});
  router.add({verb::get,  "/api/v1/hotelier/reports/{id}",           Access::hotelier, BodyKind::none, on(h.reports, &P::get)});
  router.add({verb::get,  "/api/v1/hotelier/reports/{id}/download",  Access::hotelier, BodyKind::none, on(h.reports, &P::download)});

  // The socket signs in with its first frame (a browser cannot set headers on a WebSocket); a plain GET gets 426.
  router.add({verb::get,  "/api/v1/ws",                     Access::anyone,    BodyKind::none, on(h.sockets, &L::upgrade_required), &h.sockets});

  router.add({verb::get,   "/media/{folder}/{name}",     Access::anyone,    BodyKind::none,  on(h.media, &M::get)});
  // clang-format on
  return router;
}

}  // namespace hc::app
