#pragma once
// HTTP handlers of the Redemptions rows of API.md: claims, the wallet, QR codes, and the front desk.
#include "core/result.hpp"
#include "core/worker_pool.hpp"
#include "net/http.hpp"
#include "redemptions/claim_batcher.hpp"
#include "redemptions/service.hpp"

namespace hc::redemptions {

class RedemptionHandlers {
 public:
  RedemptionHandlers(RedemptionService& service, ClaimBatcher& claims, WorkerPool& workers)
      : service_(service), claims_(claims), workers_(workers) {}

  boost::asio::awaitable<net::Response> claim(net::RequestContext& ctx);
  boost::asio::awaitable<net::Response> wallet(net::RequestContext& ctx);
  boost::asio::awaitable<net::Response> cancel(net::RequestContext& ctx);
  boost::asio::awaitable<net::Response> qr_svg(net::RequestContext& ctx);
  boost::asio::awaitable<net::Response> qr_png(net::RequestContext& ctx);
  boost::asio::awaitable<net::Response> lookup(net::RequestContext& ctx);
  boost::asio::awaitable<net::Response> use(net::RequestContext& ctx);
  boost::asio::awaitable<net::Response> undo(net::RequestContext& ctx);
  boost::asio::awaitable<net::Response> audit(net::RequestContext& ctx);

 private:
  boost::asio::awaitable<net::Response> qr(net::RequestContext& ctx, bool png);

  RedemptionService& service_;
  ClaimBatcher& claims_;
  WorkerPool& workers_;
};

//! A desk route's body: `{code}` (and undo's `{reason}`), one field `name` holding one non-blank line of at most
//! `max` characters, spaces around it trimmed; every other field is refused.
Result<std::string, Error> read_desk_field(std::string_view body, std::string_view name, std::size_t max);

}  // namespace hc::redemptions
