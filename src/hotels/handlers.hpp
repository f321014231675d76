#pragma once
// HTTP handlers of the hotel profile rows of API.md.
#include "core/result.hpp"
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

//! The body of PATCH /hotelier/hotel as read: field problems go in read_issues (the rules add their own), an
//! error only when the body is not one JSON object.
Result<HotelFields, Error> read_hotel_fields(std::string_view body);

}  // namespace hc::hotels
