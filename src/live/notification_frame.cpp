#include "live/notification_frame.hpp"

#include "notifications/json.hpp"

#include <boost/json/serialize.hpp>

#include <stdexcept>
#include <string_view>

namespace hc::live {

std::string notification_frame(const notifications::Notification& notification) {
  return boost::json::serialize(
      boost::json::object{{"type", "notification"}, {"notification", notifications::notification_json(notification)}});
}

NotificationFrame::NotificationFrame(const notifications::Delivery& delivery) {
  const notifications::Content& content = delivery.content;
  const std::string whole =
      notification_frame({"0", content.kind, content.title, content.body, content.data, delivery.created_at, false});
  // The id is the notification's first member, right after the frame's fixed start, so the first "id" is this one
  // (whatever the title or the body say, their quotes are escaped).
  constexpr std::string_view kId = R"("id":"0")";
  const std::size_t at = whole.find(kId);
  if (at == std::string::npos) throw std::logic_error("a notification frame without its id first");
  head_ = whole.substr(0, at + kId.size() - 2);
  tail_ = whole.substr(at + kId.size() - 1);
}

std::string NotificationFrame::with_id(std::int64_t id) const {
  std::string frame = head_;
  frame += std::to_string(id);
  frame += tail_;
  return frame;
}

}  // namespace hc::live
