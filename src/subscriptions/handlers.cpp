#include "subscriptions/handlers.hpp"

#include "core/paging.hpp"
#include "net/responses.hpp"

#include <boost/json.hpp>

namespace hc::subscriptions {

boost::asio::awaitable<net::Response> SubscriptionHandlers::follow(net::RequestContext& ctx) {
  const SysSeconds now = to_seconds(now_());
  auto followed = co_await workers_.run(
      [&] { return subscriptions_.follow(ctx.caller().user_id, ctx.param("id"), now); });
  if (!followed) co_return net::error_response(ctx, make_error(Errc::not_found));
  co_return net::json_response(ctx, net::http::status::ok,
                               {{"hotel_id", followed->hotel.id},
                                {"since", to_rfc3339(followed->since)},
                                {"source", followed->source}});
}

boost::asio::awaitable<net::Response> SubscriptionHandlers::unfollow(net::RequestContext& ctx) {
  const SysSeconds now = to_seconds(now_());
  const bool known = co_await workers_.run(
      [&] { return subscriptions_.unfollow(ctx.caller().user_id, ctx.param("id"), now); });
  if (!known) co_return net::error_response(ctx, make_error(Errc::not_found));
  co_return net::no_content(ctx);
}

boost::asio::awaitable<net::Response> SubscriptionHandlers::list(net::RequestContext& ctx) {
  auto limit = parse_limit(ctx.query("limit"));
  if (!limit) co_return net::error_response(ctx, limit.error());
  // The cursor carries the last entry's (since, hotel id).
  std::optional<Subscription> after;
  if (const auto text = ctx.query("cursor")) {
    const auto keyset = decode_keyset(*text);
    const auto since = keyset ? parse_rfc3339(keyset->key) : std::nullopt;
    if (!since) co_return net::error_response(ctx, field_error("cursor", "is not a cursor this list returned"));
    after = Subscription{{keyset->id, {}, {}, {}}, *since, {}};
  }
  auto found = co_await workers_.run([&] { return subscriptions_.following(ctx.caller().user_id, after, *limit + 1); });
  const auto next = trim_page(found, *limit, [](const Subscription& last) {
    return encode_keyset(Keyset{to_rfc3339(last.since), last.hotel.id});
  });
  boost::json::array items;
  for (const Subscription& s : found) {
    items.push_back({{"hotel", {{"id", s.hotel.id}, {"name", s.hotel.name}, {"city", s.hotel.city}}},
                     {"since", to_rfc3339(s.since)},
                     {"source", s.source}});
  }
  co_return net::page_response(ctx, std::move(items), next);
}

}  // namespace hc::subscriptions
