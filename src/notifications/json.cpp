#include "notifications/json.hpp"

#include <boost/json/parse.hpp>

#include <charconv>

namespace hc::notifications {

std::optional<std::int64_t> parse_notification_id(std::string_view text) {
  std::int64_t id = 0;
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), id);
  if (ec != std::errc{} || end != text.data() + text.size() || id < 0) return std::nullopt;
  return id;
}

boost::json::object notification_json(const Notification& n) {
  boost::system::error_code ec;
  boost::json::value data = boost::json::parse(n.data, ec);
  if (ec || !data.is_object()) data = boost::json::object{};
  return {{"id", n.id},     {"kind", n.kind},  {"title", n.title}, {"body", n.body},
          {"data", data},   {"created_at", to_rfc3339(n.created_at)}, {"read", n.read}};
}

}  // namespace hc::notifications
