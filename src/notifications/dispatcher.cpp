#include "notifications/dispatcher.hpp"

#include "core/json.hpp"

#include <boost/json.hpp>

#include <algorithm>
#include <cctype>

namespace hc::notifications {
namespace {

std::string text(const boost::json::object& payload, std::string_view key) {
  return std::string(string_at(payload, key).value_or(""));
}

Content created_content(const boost::json::object& payload) {
  const auto* discount = payload.if_contains("discount_percent");
  const std::string percent = discount != nullptr && discount->is_int64() ? std::to_string(discount->get_int64()) : "";
  return {"coupon.created", "New offer from " + text(payload, "hotel_name"),
          text(payload, "title") + (percent.empty() ? "" : " (" + percent + "% off)"),
          boost::json::serialize(boost::json::object{{"coupon_id", text(payload, "coupon_id")},
                                                     {"hotel_id", text(payload, "hotel_id")}})};
}

Content used_content(const boost::json::object& payload) {
  return {"coupon.used", "Your coupon was used", text(payload, "title") + " at " + text(payload, "hotel_name"),
          boost::json::serialize(boost::json::object{{"redemption_id", text(payload, "redemption_id")},
                                                     {"coupon_id", text(payload, "coupon_id")}})};
}

Content report_content(const boost::json::object& payload) {
  std::string format = text(payload, "format");
  std::transform(format.begin(), format.end(), format.begin(), [](unsigned char c) { return std::toupper(c); });
  return {"report.ready", "Your report is ready",
          format + " report for " + text(payload, "from") + " to " + text(payload, "to"),
          boost::json::serialize(boost::json::object{{"report_id", text(payload, "report_id")}})};
}

}  // namespace

bool OutboxDispatcher::publish_waiting() {
  while (!waiting_live_.empty()) {
    try {
      live_.publish(waiting_live_.front());
    } catch (const std::exception& e) {
      log_.warn("live delivery waits for its channel",
                {{"waiting", std::uint64_t{waiting_live_.size()}}, {"what", std::string_view(e.what())}});
      return false;
    }
    waiting_live_.pop_front();
  }
  return true;
}

std::size_t OutboxDispatcher::run_once(SysSeconds now, std::size_t batch) {
  publish_waiting();
  const std::vector<OutboxEvent> events = repository_.unsent(batch);
  for (const OutboxEvent& event : events) {
    boost::system::error_code ec;
    const boost::json::value parsed = boost::json::parse(event.payload, ec);
    const boost::json::object* payload = ec || !parsed.is_object() ? nullptr : &parsed.get_object();
    auto delivery = std::make_shared<Delivery>();
    delivery->created_at = now;
    if (payload != nullptr && event.kind == "coupon.created" && !text(*payload, "hotel_id").empty()) {
      delivery->content = created_content(*payload);
      delivery->recipients =
          repository_.deliver_to_followers(event, text(*payload, "hotel_id"), delivery->content, now);
    } else if (payload != nullptr && (event.kind == "coupon.used" || event.kind == "report.ready") &&
               !text(*payload, "user_id").empty()) {
      delivery->content = event.kind == "coupon.used" ? used_content(*payload) : report_content(*payload);
      delivery->recipients = repository_.deliver_to_user(event, text(*payload, "user_id"), delivery->content, now);
    } else {
      // A malformed or unknown event is set aside so it never holds up the events behind it.
      log_.warn("outbox event discarded", {{"event_id", event.id}, {"kind", event.kind}});
      repository_.discard(event, now);
      continue;
    }
    // In the inboxes now, so a client that misses the live copy finds it on reconnecting. Behind any that wait,
    // so that live copies keep their order.
    if (delivery->recipients.empty()) continue;
    if (waiting_live_.size() == kMaxWaitingLive) {
      waiting_live_.pop_front();
      log_.warn("live copy dropped: too many waiting (the inbox has it)");
    }
    waiting_live_.push_back(std::move(delivery));
  }
  publish_waiting();
  return events.size();
}

}  // namespace hc::notifications
