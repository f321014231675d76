#include "interactions/handlers.hpp"

#include "net/json_body.hpp"
#include "net/responses.hpp"

#include <boost/json.hpp>

#include <algorithm>

namespace hc::interactions {
namespace {

constexpr std::chrono::minutes kFutureSlack{5};
constexpr std::chrono::days kOldest{7};

bool is_event_id(std::string_view id) {
  return !id.empty() && id.size() <= 64 && std::all_of(id.begin(), id.end(), [](char c) {
    return (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || c == '-' || c == '_' ||
           c == '.';
  });
}

std::optional<std::string> string_member(const boost::json::object& event, std::string_view key) {
  const auto* value = event.if_contains(key);
  if (value == nullptr || !value->is_string()) return std::nullopt;
  return std::string(value->get_string());
}

// One client event, or nullopt when it is malformed (then it is dropped and counted, never failing the batch).
std::optional<Interaction> read_event(const boost::json::value& value, SysSeconds now) {
  if (!value.is_object()) return std::nullopt;
  const auto& event = value.get_object();
  if (std::any_of(event.begin(), event.end(), [](const auto& member) {
        return member.key() != "id" && member.key() != "coupon_id" && member.key() != "action" && member.key() != "at";
      })) {
    return std::nullopt;
  }
  Interaction interaction;
  interaction.id = string_member(event, "id");
  const auto coupon_id = string_member(event, "coupon_id");
  const auto action = string_member(event, "action");
  const bool client_action = action == "view" || action == "click" || action == "share";
  if ((event.contains("id") && (!interaction.id || !is_event_id(*interaction.id))) || !coupon_id ||
      coupon_id->empty() || coupon_id->size() > 64 || !client_action) {
    return std::nullopt;
  }
  interaction.coupon_id = *coupon_id;
  interaction.action = *action;
  interaction.at = now;
  if (event.contains("at")) {
    const auto text = string_member(event, "at");
    const auto at = text ? parse_rfc3339(*text) : std::nullopt;
    // A clock a little ahead is trusted as now; events from the far future or the distant past are not.
    if (!at || *at > now + kFutureSlack || *at < now - kOldest) return std::nullopt;
    interaction.at = std::min(*at, now);
  }
  return interaction;
}

boost::json::object counts_json(const Counts& c) {
  return {{"views", c.views}, {"redemptions", c.claims}, {"uses", c.uses}, {"clicks", c.clicks}, {"shares", c.shares}};
}

}  // namespace

boost::asio::awaitable<net::Response> InteractionHandlers::post_batch(net::RequestContext& ctx) {
  auto body = net::parse_json_object(ctx.request.body());
  if (!body) co_return net::error_response(ctx, body.error());
  net::FieldReader fields(*body);
  fields.is_null("events");  // known field; its shape is checked below
  auto issues = fields.finish();
  const auto* events = body->if_contains("events");
  if (events == nullptr || !events->is_array() || events->get_array().size() > kMaxBatchEvents) {
    issues.push_back({"events", "must be a list of at most 500 events"});
  }
  if (!issues.empty()) co_return net::error_response(ctx, validation_error(std::move(issues)));
  const SysSeconds now = service_.now();
  std::vector<Interaction> good;
  std::size_t malformed = 0;
  for (const auto& value : events->get_array()) {
    auto event = read_event(value, now);
    if (!event) {
      ++malformed;
      continue;
    }
    // Ids are the sender's own: another user cannot make someone's events look like retries.
    if (event->id) event->id = ctx.caller().user_id + ":" + *event->id;
    good.push_back(std::move(*event));
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
