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

}  // namespace

net::Router build_router(const Handlers& h) {
  using A = auth::AuthHandlers;
  using O = ops::OpsHandlers;
  net::Router router;
  // clang-format off
  router.add({verb::get,  "/",                      Access::anyone,    BodyKind::none, on(h.ops, &O::home)});
  router.add({verb::get,  "/healthz",               Access::anyone,    BodyKind::none, on(h.ops, &O::health)});
  router.add({verb::get,  "/readyz",                Access::anyone,    BodyKind::none, on(h.ops, &O::ready)});
  router.add({verb::get,  "/metrics",               Access::anyone,    BodyKind::none, on(h.ops, &O::metrics)});
  router.add({verb::get,  "/api/v1/openapi.json",   Access::anyone,    BodyKind::none, on(h.ops, &O::openapi)});

  router.add({verb::post, "/api/v1/auth/register",  Access::anyone,    BodyKind::json, on(h.auth, &A::register_user)});
  router.add({verb::post, "/api/v1/auth/login",     Access::anyone,    BodyKind::json, on(h.auth, &A::login)});
  router.add({verb::post, "/api/v1/auth/refresh",   Access::anyone,    BodyKind::json, on(h.auth, &A::refresh)});
  router.add({verb::post, "/api/v1/auth/logout",    Access::signed_in, BodyKind::json, on(h.auth, &A::logout)});
  router.add({verb::get,  "/api/v1/me",             Access::signed_in, BodyKind::none, on(h.auth, &A::me)});
  // clang-format on
  return router;
}

}  // namespace hc::app
