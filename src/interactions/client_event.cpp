#include "interactions/client_event.hpp"

#include "core/json.hpp"
#include "core/text.hpp"
#include "net/json_body.hpp"

#include <algorithm>

namespace hc::interactions {
namespace {

constexpr std::chrono::minutes kFutureSlack{5};
constexpr std::chrono::days kOldest{7};

}  // namespace

std::optional<Interaction> read_client_event(const boost::json::object& event, std::string_view sender,
                                             SysSeconds now) {
  if (std::any_of(event.begin(), event.end(), [](const auto& member) {
        return member.key() != "id" && member.key() != "coupon_id" && member.key() != "action" && member.key() != "at";
      })) {
    return std::nullopt;
  }
  Interaction interaction;
  const auto id = string_at(event, "id");
  const auto coupon_id = string_at(event, "coupon_id");
  const auto action = string_at(event, "action");
  const bool client_action = action == "view" || action == "click" || action == "share";
  if ((event.contains("id") && (!id || !is_plain_id(*id))) || !coupon_id || coupon_id->empty() ||
      coupon_id->size() > 64 || !client_action) {
    return std::nullopt;
  }
  if (id) interaction.id = std::string(sender).append(":").append(*id);
  interaction.coupon_id = *coupon_id;
  interaction.action = *action;
  interaction.at = now;
  if (event.contains("at")) {
    const auto text = string_at(event, "at");
    const auto at = text ? parse_rfc3339(*text) : std::nullopt;
    // A clock a little ahead is trusted as now; events from the far future or the distant past are not.
    if (!at || *at > now + kFutureSlack || *at < now - kOldest) return std::nullopt;
    interaction.at = std::min(*at, now);
  }
  return interaction;
}

Result<ClientBatch, Error> read_client_batch(std::string_view body, std::string_view sender, SysSeconds now) {
  auto object = net::parse_json_object(body);
  if (!object) return Failure{object.error()};
  net::FieldReader fields(*object);
  const boost::json::value* events = fields.field("events");  // its shape is checked below
  auto issues = fields.finish();
  if (events == nullptr || !events->is_array() || events->get_array().size() > kMaxBatchEvents) {
    issues.push_back({"events", "must be a list of at most 500 events"});
  }
  if (!issues.empty()) return Failure{validation_error(std::move(issues))};
  ClientBatch batch;
  for (const auto& value : events->get_array()) {
    auto event = value.is_object() ? read_client_event(value.get_object(), sender, now) : std::nullopt;
    if (event) batch.good.push_back(std::move(*event));
    else ++batch.malformed;
  }
  return batch;
}

}  // namespace hc::interactions
