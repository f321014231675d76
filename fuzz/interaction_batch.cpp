// The body of POST /interactions, the batch endpoint for clients without a socket: the body parsed as the handler
// parses it (net::parse_json_object), then each element of its `events` list through the event reader the handler
// and the socket share (interactions/client_event.hpp). An accepted event is well formed and scoped to its sender.
//
// The handler's own check of the list's shape (present, a list, at most 500) is not run here: it sits inside
// InteractionHandlers::post_batch, in src/interactions, which another branch is changing (docs/reliability.md).
#include "interactions/client_event.hpp"
#include "net/json_body.hpp"

#include <boost/json/array.hpp>
#include <boost/json/value.hpp>

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

using namespace hc;

const SysSeconds kNow{std::chrono::seconds(1'767'225'600)};  // 2026-01-01

void check(const interactions::Interaction& event) {
  if (event.coupon_id.empty() || event.coupon_id.size() > 64 || event.at > kNow) std::abort();
  if (event.action != "view" && event.action != "click" && event.action != "share") std::abort();
  if (event.id && !event.id->starts_with("u1:")) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const auto object = net::parse_json_object(body);
  if (!object) return 0;
  const boost::json::value* events = object->if_contains("events");
  if (events == nullptr || !events->is_array()) return 0;
  for (const boost::json::value& value : events->get_array()) {
    if (!value.is_object()) continue;
    if (const auto event = interactions::read_client_event(value.get_object(), "u1", kNow)) check(*event);
  }
  return 0;
}
