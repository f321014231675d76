#pragma once
// Notifications: what happened that a user should know, kept in an inbox and delivered live.
#include "core/time.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hc::notifications {

//! An event waiting in the outbox: written with the change that caused it, delivered by the dispatcher.
struct OutboxEvent {
  std::string id;
  std::string kind;     // "coupon.created" or "coupon.used"
  std::string payload;  // JSON with what the notification needs (see dispatcher.cpp)
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

}  // namespace hc::notifications
