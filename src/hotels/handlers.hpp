#pragma once
// HTTP handlers of the hotel profile rows of API.md.
#include "core/worker_pool.hpp"
#include "hotels/service.hpp"
#include "net/http.hpp"

namespace hc::hotels {

class HotelHandlers {
 public:
  HotelHandlers(HotelService& service, WorkerPool& workers) : service_(service), workers_(workers) {}

  boost::asio::awaitable<net::Response> get(net::RequestContext& ctx);
  boost::asio::awaitable<net::Response> update_mine(net::RequestContext& ctx);
  boost::asio::awaitable<net::Response> put_logo(net::RequestContext& ctx);

 private:
  HotelService& service_;
  WorkerPool& workers_;
};

}  // namespace hc::hotels
