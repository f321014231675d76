#pragma once
// A notification as the API shows it, in the inbox and on the socket.
#include "notifications/model.hpp"

#include <boost/json/object.hpp>

namespace hc::notifications {

//! {id, kind, title, body, data, created_at, read}.
boost::json::object notification_json(const Notification& notification);

}  // namespace hc::notifications
