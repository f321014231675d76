#include "notifications/json.hpp"

#include <boost/json/parse.hpp>

namespace hc::notifications {

boost::json::object notification_json(const Notification& n) {
  boost::system::error_code ec;
  boost::json::value data = boost::json::parse(n.data, ec);
  if (ec || !data.is_object()) data = boost::json::object{};
  return {{"id", n.id},     {"kind", n.kind},  {"title", n.title}, {"body", n.body},
          {"data", data},   {"created_at", to_rfc3339(n.created_at)}, {"read", n.read}};
}

}  // namespace hc::notifications
