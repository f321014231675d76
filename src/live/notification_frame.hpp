#pragma once
// A notification as the WebSocket frame its recipients get: {"type":"notification","notification":{...}}. The frames
// of one delivery differ only in the notification's id (each user's own inbox row), so the frame is rendered once
// per delivery and each recipient's copy is that text with its id put in: a coupon published to 10,000 followers is
// rendered once, not 10,000 times.
#include "notifications/model.hpp"

#include <cstdint>
#include <string>

namespace hc::live {

//! The frame of one notification (one read from the inbox, during a replay).
std::string notification_frame(const notifications::Notification& notification);

class NotificationFrame {
 public:
  explicit NotificationFrame(const notifications::Delivery& delivery);
  //! The frame of the recipient whose notification has this id.
  [[nodiscard]] std::string with_id(std::int64_t id) const;

 private:
  std::string head_;  // the frame up to the id's value
  std::string tail_;  // and after it
};

}  // namespace hc::live
