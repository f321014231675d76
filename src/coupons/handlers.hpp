#pragma once
// HTTP handlers of the Coupons rows of API.md.
#include "core/worker_pool.hpp"
#include "coupons/service.hpp"
#include "net/http.hpp"

namespace hc::coupons {

class CouponHandlers {
 public:
  CouponHandlers(CouponService& service, WorkerPool& workers) : service_(service), workers_(workers) {}

  boost::asio::awaitable<net::Response> search(net::RequestContext& ctx);
  boost::asio::awaitable<net::Response> get(net::RequestContext& ctx);
  boost::asio::awaitable<net::Response> create(net::RequestContext& ctx);
  boost::asio::awaitable<net::Response> edit(net::RequestContext& ctx);
  boost::asio::awaitable<net::Response> put_image(net::RequestContext& ctx);
  boost::asio::awaitable<net::Response> list_own(net::RequestContext& ctx);

 private:
  CouponService& service_;
  WorkerPool& workers_;
};

}  // namespace hc::coupons
