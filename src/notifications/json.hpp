#pragma once
// A notification as the API shows it, in the inbox and on the socket.
#include "notifications/model.hpp"

#include <boost/json/object.hpp>

#include <cstdint>
#include <optional>
#include <string_view>

namespace hc::notifications {

//! A notification id as the API writes it (a decimal number, 0 meaning "before the first"); nullopt otherwise.
std::optional<std::int64_t> parse_notification_id(std::string_view text);

//! {id, kind, title, body, data, created_at, read}.
boost::json::object notification_json(const Notification& notification);

}  // namespace hc::notifications
