#include "redemptions/handlers.hpp"

#include "core/text.hpp"
#include "coupons/json.hpp"
#include "net/json_body.hpp"
#include "net/responses.hpp"
#include "render/qr.hpp"

#include <boost/json.hpp>

namespace hc::redemptions {
namespace {

using net::http::status;

boost::json::value optional_time(const std::optional<SysSeconds>& time) {
  return time ? boost::json::value(to_rfc3339(*time)) : boost::json::value(nullptr);
}

boost::json::object redemption_json(const Redemption& r, SysSeconds now) {
  return {{"id", r.id},
          {"code", r.code},
          {"status", to_string(r.status)},
          {"coupon", coupons::coupon_json(r.coupon, now)},
          {"guest_name", r.guest_name},
          {"redeemed_at", to_rfc3339(r.redeemed_at)},
          {"used_at", optional_time(r.used_at)},
          {"cancelled_at", optional_time(r.cancelled_at)},
          {"qr_url", "/api/v1/redemptions/" + r.id + "/qr.png"}};
}

net::Response redemption_response(const net::RequestContext& ctx, status code, const Result<Redemption, Error>& r,
                                  SysSeconds now) {
  if (!r) return net::error_response(ctx, r.error());
  return net::json_response(ctx, code, {{"redemption", redemption_json(*r, now)}});
}

}  // namespace

Result<std::string, Error> read_desk_field(std::string_view body_text, std::string_view name, std::size_t max) {
  auto body = net::parse_json_object(body_text);
  if (!body) return Failure{body.error()};
  net::FieldReader fields(*body);
  std::string value = std::string(trim_spaces(fields.required_string(name)));
  const auto* given = body->if_contains(name);
  if (given != nullptr && given->is_string()) {
    if (auto problem = length_violation(value, 1, max)) fields.add_issue(name, *problem);
  }
  if (auto issues = fields.finish(); !issues.empty()) return Failure{validation_error(std::move(issues))};
  return value;
}

boost::asio::awaitable<net::Response> RedemptionHandlers::claim(net::RequestContext& ctx) {
  // Waits for the batch this claim is committed in.
  auto claimed = co_await claims_.claim(ctx.caller(), ctx.param("id"));
  co_return redemption_response(ctx, status::created, claimed, service_.now());
}

boost::asio::awaitable<net::Response> RedemptionHandlers::wallet(net::RequestContext& ctx) {
  auto page = co_await workers_.run(
      [&] { return service_.wallet(ctx.caller(), ctx.query("status"), ctx.query("limit"), ctx.query("cursor")); });
  if (!page) co_return net::error_response(ctx, page.error());
  const SysSeconds now = service_.now();  // one instant for the whole page
  boost::json::array items;
  for (const Redemption& r : page->items) items.push_back(redemption_json(r, now));
  co_return net::page_response(ctx, std::move(items), page->next_cursor);
}

boost::asio::awaitable<net::Response> RedemptionHandlers::cancel(net::RequestContext& ctx) {
  auto cancelled = co_await workers_.run([&] { return service_.cancel(ctx.caller(), ctx.param("id")); });
  co_return redemption_response(ctx, status::ok, cancelled, service_.now());
}

boost::asio::awaitable<net::Response> RedemptionHandlers::qr_svg(net::RequestContext& ctx) { return qr(ctx, false); }
boost::asio::awaitable<net::Response> RedemptionHandlers::qr_png(net::RequestContext& ctx) { return qr(ctx, true); }

boost::asio::awaitable<net::Response> RedemptionHandlers::qr(net::RequestContext& ctx, bool png) {
  auto redemption = co_await workers_.run([&] { return service_.own(ctx.caller(), ctx.param("id")); });
  if (!redemption) co_return net::error_response(ctx, redemption.error());
  // Rendering is CPU work: on the worker pool.
  std::string image = co_await workers_.run(
      [&] { return png ? render::qr_png(redemption->code) : render::qr_svg(redemption->code); });
  net::Response response{status::ok, ctx.request.version()};
  response.keep_alive(ctx.request.keep_alive());
  response.set(net::http::field::content_type, png ? "image/png" : "image/svg+xml");
  response.set(net::http::field::cache_control, "private, no-store");
  response.body() = std::move(image);
  co_return response;
}

boost::asio::awaitable<net::Response> RedemptionHandlers::lookup(net::RequestContext& ctx) {
  auto code = read_desk_field(ctx.request.body(), "code", 64);
  if (!code) co_return net::error_response(ctx, code.error());
  auto found = co_await workers_.run([&] { return service_.lookup(ctx.caller(), *code, ctx.client_address); });
  co_return redemption_response(ctx, status::ok, found, service_.now());
}

boost::asio::awaitable<net::Response> RedemptionHandlers::use(net::RequestContext& ctx) {
  auto code = read_desk_field(ctx.request.body(), "code", 64);
  if (!code) co_return net::error_response(ctx, code.error());
  auto used = co_await workers_.run([&] { return service_.use(ctx.caller(), *code, ctx.client_address); });
  co_return redemption_response(ctx, status::ok, used, service_.now());
}

boost::asio::awaitable<net::Response> RedemptionHandlers::undo(net::RequestContext& ctx) {
  auto reason = read_desk_field(ctx.request.body(), "reason", 500);
  if (!reason) co_return net::error_response(ctx, reason.error());
  auto undone = co_await workers_.run(
      [&] { return service_.undo(ctx.caller(), ctx.param("id"), *reason, ctx.client_address); });
  co_return redemption_response(ctx, status::ok, undone, service_.now());
}

boost::asio::awaitable<net::Response> RedemptionHandlers::audit(net::RequestContext& ctx) {
  auto page = co_await workers_.run([&] { return service_.audit(ctx.caller(), ctx.query("limit"), ctx.query("cursor")); });
  if (!page) co_return net::error_response(ctx, page.error());
  boost::json::array items;
  for (const DeskEvent& e : page->items) {
    items.push_back({{"id", e.id},
                     {"redemption_id", e.redemption_id},
                     {"redemption_status", e.redemption_status},
                     {"coupon", {{"id", e.coupon_id}, {"title", e.coupon_title}}},
                     {"guest_name", e.guest_name},
                     {"action", e.action},
                     {"by", {{"id", e.actor_id}, {"name", e.actor_name}}},
                     {"client_address", e.client_address},
                     {"reason", e.reason},
                     {"at", to_rfc3339(e.at)}});
  }
  co_return net::page_response(ctx, std::move(items), page->next_cursor);
}

}  // namespace hc::redemptions
