#include "notifications/handlers.hpp"

#include "core/paging.hpp"
#include "net/json_body.hpp"
#include "net/responses.hpp"
#include "notifications/json.hpp"

#include <boost/json.hpp>


namespace hc::notifications {
namespace {

constexpr std::size_t kMaxIdsPerRequest = 500;

// An id of a notification that can exist (ids start at 1).
std::optional<std::int64_t> parse_id(std::string_view text) {
  const auto id = parse_notification_id(text);
  return id && *id >= 1 ? id : std::nullopt;
}

}  // namespace

Result<ReadRequest, Error> read_mark_read_request(std::string_view body_text) {
  auto body = net::parse_json_object(body_text);
  if (!body) return Failure{body.error()};
  net::FieldReader fields(*body);
  ReadRequest request;
  if (auto up_to = fields.optional_string("up_to")) {
    request.up_to = parse_id(*up_to);
    if (!request.up_to) fields.add_issue("up_to", "must be a notification id");
  }
  const boost::json::value* ids = fields.field("ids");
  if (ids != nullptr) {
    if (!ids->is_array() || ids->as_array().size() > kMaxIdsPerRequest) {
      fields.add_issue("ids", "must be a list of at most 500 notification ids");
    } else {
      for (const auto& id : ids->as_array()) {
        const auto parsed = id.is_string() ? parse_id(id.get_string()) : std::nullopt;
        if (!parsed) {
          fields.add_issue("ids", "must be a list of notification ids");
          break;
        }
        request.ids.push_back(*parsed);
      }
    }
  }
  auto issues = fields.finish();
  if (!request.up_to && ids == nullptr && issues.empty()) issues.push_back({"up_to", "give up_to or ids"});
  if (!issues.empty()) return Failure{validation_error(std::move(issues))};
  return request;
}

boost::asio::awaitable<net::Response> NotificationHandlers::list(net::RequestContext& ctx) {
  auto limit = parse_limit(ctx.query("limit"));
  if (!limit) co_return net::error_response(ctx, limit.error());
  const auto unread = ctx.query("unread_only");
  if (unread && *unread != "true" && *unread != "false") {
    co_return net::error_response(ctx, validation_error({{"unread_only", "must be true or false"}}));
  }
  std::optional<std::int64_t> before;
  if (const auto cursor = ctx.query("cursor")) {
    before = parse_id(*cursor);
    if (!before) co_return net::error_response(ctx, validation_error({{"cursor", "is not a cursor this list returned"}}));
  }
  const bool unread_only = unread == "true";
  auto found = co_await workers_.run(
      [&] { return repository_.list(ctx.caller().user_id, unread_only, before, *limit + 1); });
  const auto next = trim_page(found, *limit, [](const Notification& last) { return last.id; });
  boost::json::array items;
  for (const Notification& n : found) items.push_back(notification_json(n));
  co_return net::page_response(ctx, std::move(items), next);
}

boost::asio::awaitable<net::Response> NotificationHandlers::mark_read(net::RequestContext& ctx) {
  auto request = read_mark_read_request(ctx.request.body());
  if (!request) co_return net::error_response(ctx, request.error());
  const SysSeconds now = to_seconds(Clock::now());
  co_await workers_.run([&] {
    if (request->up_to) repository_.mark_read_up_to(ctx.caller().user_id, *request->up_to, now);
    if (!request->ids.empty()) repository_.mark_read(ctx.caller().user_id, request->ids, now);
  });
  co_return net::no_content(ctx);
}

}  // namespace hc::notifications
