#include "interactions/handlers.hpp"

#include "interactions/client_event.hpp"
#include "net/json_body.hpp"
#include "net/responses.hpp"

#include <boost/json.hpp>

namespace hc::interactions {
namespace {

boost::json::object counts_json(const Counts& c) {
  return {{"views", c.views}, {"redemptions", c.claims}, {"uses", c.uses}, {"clicks", c.clicks}, {"shares", c.shares}};
}

}  // namespace

boost::asio::awaitable<net::Response> InteractionHandlers::post_batch(net::RequestContext& ctx) {
  auto body = net::parse_json_object(ctx.request.body());
  if (!body) co_return net::error_response(ctx, body.error());
  net::FieldReader fields(*body);
  const boost::json::value* events = fields.field("events");  // its shape is checked below
  auto issues = fields.finish();
  if (events == nullptr || !events->is_array() || events->get_array().size() > kMaxBatchEvents) {
    issues.push_back({"events", "must be a list of at most 500 events"});
  }
  if (!issues.empty()) co_return net::error_response(ctx, validation_error(std::move(issues)));
  const SysSeconds now = service_.now();
  std::vector<Interaction> good;
  std::size_t malformed = 0;
  for (const auto& value : events->get_array()) {
    auto event = value.is_object() ? read_client_event(value.get_object(), ctx.caller().user_id, now) : std::nullopt;
    if (event) good.push_back(std::move(*event));
    else ++malformed;
  }
  // 202 once the events are durably queued: counting them is the background worker's job.
  const IngestResult result = co_await workers_.run([&] { return service_.ingest(good, malformed); });
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
