#pragma once
// The route table of the whole server, in one readable list.
#include "auth/handlers.hpp"
#include "coupons/handlers.hpp"
#include "hotels/handlers.hpp"
#include "interactions/handlers.hpp"
#include "live/endpoint.hpp"
#include "media/handlers.hpp"
#include "net/idempotency.hpp"
#include "net/router.hpp"
#include "notifications/handlers.hpp"
#include "ops/handlers.hpp"
#include "redemptions/handlers.hpp"
#include "reports/handlers.hpp"
#include "subscriptions/handlers.hpp"
#include "web/handlers.hpp"

#include <functional>

namespace hc::app {

struct Handlers {
  net::IdempotencyStore& idempotency;
  WorkerPool& workers;
  auth::AuthHandlers& auth;
  ops::OpsHandlers& ops;
  coupons::CouponHandlers& coupons;
  hotels::HotelHandlers& hotels;
  media::MediaHandlers& media;
  redemptions::RedemptionHandlers& redemptions;
  subscriptions::SubscriptionHandlers& subscriptions;
  notifications::NotificationHandlers& notifications;
  interactions::InteractionHandlers& interactions;
  reports::ReportHandlers& reports;
  live::SocketEndpoint& sockets;
  web::WebHandlers* web;                      // null when no web app is served: / shows the server's own page
  const std::function<void()>& wake_outbox;   // called once a request may have committed an outbox event
  const std::function<void()>& wake_reports;  // called once a request may have queued a report job
};

//! Every route: method, path, who may call it, what body it takes, and the handler.
net::Router build_router(const Handlers& handlers);

}  // namespace hc::app
