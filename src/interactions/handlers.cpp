#include "interactions/handlers.hpp"

#include "interactions/client_event.hpp"
#include "net/responses.hpp"

#include <boost/json.hpp>

namespace hc::interactions {
namespace {

boost::json::object counts_json(const Counts& c) {
  return {{"views", c.views}, {"redemptions", c.claims}, {"uses", c.uses}, {"clicks", c.clicks}, {"shares", c.shares}};
}

}  // namespace

boost::asio::awaitable<net::Response> InteractionHandlers::post_batch(net::RequestContext& ctx) {
  auto batch = read_client_batch(ctx.request.body(), ctx.caller().user_id, service_.now());
  if (!batch) co_return net::error_response(ctx, batch.error());
  // 202 once the events are durably queued: counting them is the background worker's job.
  const IngestResult result = co_await workers_.run([&] { return service_.ingest(batch->good, batch->malformed); });
  co_return net::json_response(ctx, net::http::status::accepted,
                               {{"accepted", result.accepted}, {"dropped", result.dropped}});
}

boost::asio::awaitable<net::Response> InteractionHandlers::stats(net::RequestContext& ctx) {
  auto stats = co_await workers_.run([&] { return service_.stats(ctx.caller(), ctx.query("from"), ctx.query("to")); });
  if (!stats) co_return net::error_response(ctx, stats.error());
  boost::json::array daily;
  for (const DailyCounts& day : stats->daily) {
    boost::json::object entry = counts_json(day.counts);
    entry["date"] = to_iso_date(day.day);
    daily.push_back(std::move(entry));
  }
  boost::json::array coupons;
  for (const CouponCounts& coupon : stats->coupons) {
    boost::json::object entry = counts_json(coupon.counts);
    entry["coupon_id"] = coupon.coupon_id;
    entry["title"] = coupon.title;
    coupons.push_back(std::move(entry));
  }
  co_return net::json_response(ctx, net::http::status::ok,
                               {{"from", to_iso_date(stats->from)},
                                {"to", to_iso_date(stats->to)},
                                {"timezone", stats->timezone},
                                {"totals", counts_json(stats->totals)},
                                {"daily", std::move(daily)},
                                {"coupons", std::move(coupons)}});
}

}  // namespace hc::interactions
