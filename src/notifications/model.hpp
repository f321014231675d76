#pragma once
// Notifications: what happened that a user should know, kept in an inbox and delivered live.
#include "core/time.hpp"

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace hc::notifications {

//! An event waiting in the outbox: written with the change that caused it, delivered by the dispatcher.
struct OutboxEvent {
  std::string id;
  std::string kind;     // "coupon.created", "coupon.used" or "report.ready"
  std::string payload;  // JSON with what the notification needs (see dispatcher.cpp)
};

//! What a notification says, the same for every recipient of one event.
struct Content {
  std::string kind;
  std::string title;
  std::string body;
  std::string data;  // a JSON object
};

struct Notification {
  std::string id;  // increasing per user, so "everything after id X" is well defined
  std::string kind;
  std::string title;
  std::string body;
  std::string data;  // a JSON object
  SysSeconds created_at{};
  bool read = false;
};

//! One inbox row of an event: who it is for and its id in their inbox.
struct Recipient {
  std::string user_id;
  std::int64_t notification_id = 0;
};

//! An event's notifications once they are in the inboxes, ready to go out live.
struct Delivery {
  Content content;
  SysSeconds created_at{};
  std::vector<Recipient> recipients;
};

//! Carries deliveries to the connected clients (in process now; between nodes through Redis later).
class LiveChannel {
 public:
  virtual ~LiveChannel() = default;
  //! Hands a delivery on; never blocks on a client.
  virtual void publish(std::shared_ptr<const Delivery> delivery) = 0;
};

}  // namespace hc::notifications
