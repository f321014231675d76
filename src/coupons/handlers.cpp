#include "coupons/handlers.hpp"

#include "coupons/json.hpp"
#include "net/json_body.hpp"
#include "net/responses.hpp"

#include <boost/json.hpp>

namespace hc::coupons {
namespace {

using net::http::status;

Result<CouponDraft, Error> draft_of(const net::RequestContext& ctx, bool creating) {
  return read_draft(ctx.request.body(), creating);
}

net::Response coupon_response(const net::RequestContext& ctx, status code, const Result<Coupon, Error>& coupon,
                              SysSeconds now) {
  if (!coupon) return net::error_response(ctx, coupon.error());
  return net::json_response(ctx, code, coupon_json(*coupon, now));
}

template <class Item>
boost::json::array coupons_json(const std::vector<Item>& items, SysSeconds now) {
  boost::json::array array;
  for (const Item& item : items) array.push_back(coupon_json(item, now));
  return array;
}

}  // namespace

boost::asio::awaitable<net::Response> CouponHandlers::search(net::RequestContext& ctx) {
  SearchParams params{ctx.query("q"),     ctx.query("hotel_id"),     ctx.query("hotel"),    ctx.query("city"),
                      ctx.query("min_discount"), ctx.query("max_discount"), ctx.query("valid_on"), ctx.query("sort"),
                      ctx.query("limit"), ctx.query("cursor")};
  auto page = co_await workers_.run([&] { return service_.search(params); });
  if (!page) co_return net::error_response(ctx, page.error());
  co_return net::page_response(ctx, coupons_json(page->items, service_.now()), page->next_cursor);
}

boost::asio::awaitable<net::Response> CouponHandlers::get(net::RequestContext& ctx) {
  auto coupon = co_await workers_.run([&] { return service_.get(ctx.caller(), ctx.param("id")); });
  co_return coupon_response(ctx, status::ok, coupon, service_.now());
}

boost::asio::awaitable<net::Response> CouponHandlers::create(net::RequestContext& ctx) {
  auto draft = draft_of(ctx, true);
  if (!draft) co_return net::error_response(ctx, draft.error());
  auto coupon = co_await workers_.run([&] { return service_.create(ctx.caller(), *draft); });
  co_return coupon_response(ctx, status::created, coupon, service_.now());
}

boost::asio::awaitable<net::Response> CouponHandlers::edit(net::RequestContext& ctx) {
  auto draft = draft_of(ctx, false);
  if (!draft) co_return net::error_response(ctx, draft.error());
  auto coupon = co_await workers_.run([&] { return service_.edit(ctx.caller(), ctx.param("id"), *draft); });
  co_return coupon_response(ctx, status::ok, coupon, service_.now());
}

boost::asio::awaitable<net::Response> CouponHandlers::put_image(net::RequestContext& ctx) {
  // Sniffing and storing the file is disk I/O: on the worker pool.
  auto coupon = co_await workers_.run(
      [&] { return service_.set_image(ctx.caller(), ctx.param("id"), ctx.request.body()); });
  co_return coupon_response(ctx, status::ok, coupon, service_.now());
}

boost::asio::awaitable<net::Response> CouponHandlers::list_own(net::RequestContext& ctx) {
  auto page = co_await workers_.run(
      [&] { return service_.list_own(ctx.caller(), ctx.query("status"), ctx.query("limit"), ctx.query("cursor")); });
  if (!page) co_return net::error_response(ctx, page.error());
  co_return net::page_response(ctx, coupons_json(page->items, service_.now()), page->next_cursor);
}

}  // namespace hc::coupons
