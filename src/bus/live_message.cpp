#include "bus/live_message.hpp"

#include "core/json.hpp"

#include <boost/json.hpp>

#include <initializer_list>
#include <optional>
#include <stdexcept>
#include <type_traits>
#include <utility>

namespace hc::bus {
namespace {

constexpr std::int64_t kVersion = 1;
constexpr std::string_view kDelivery = "delivery";
constexpr std::string_view kSignal = "signal";

using Parsed = Result<LiveMessage, std::string>;

boost::json::object delivery_json(const notifications::Delivery& delivery) {
  boost::json::array recipients;
  for (const notifications::Recipient& recipient : delivery.recipients) {
    recipients.push_back(boost::json::object{{"user_id", recipient.user_id},
                                             {"notification_id", recipient.notification_id}});
  }
  const notifications::Content& content = delivery.content;
  return boost::json::object{{"v", kVersion},
                             {"kind", kDelivery},
                             {"content", boost::json::object{{"kind", content.kind},
                                                             {"title", content.title},
                                                             {"body", content.body},
                                                             {"data", content.data}}},
                             {"created_at", std::int64_t{delivery.created_at.time_since_epoch().count()}},
                             {"recipients", std::move(recipients)}};
}

boost::json::object signal_json(const Signal& signal) {
  boost::json::array user_ids;
  for (const std::string& user_id : signal.user_ids) user_ids.emplace_back(std::string_view(user_id));
  return boost::json::object{
      {"v", kVersion}, {"kind", kSignal}, {"user_ids", std::move(user_ids)}, {"frame", signal.frame}};
}

std::optional<std::int64_t> integer_at(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  if (value == nullptr || !value->is_int64()) return std::nullopt;
  return value->get_int64();
}

const boost::json::array* array_at(const boost::json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value != nullptr ? value->if_array() : nullptr;
}

// Fills `out` with the text members named in `keys`; false when one is missing or not a string.
bool read_texts(const boost::json::object& object, std::initializer_list<std::pair<std::string_view, std::string*>> keys) {
  for (const auto& [key, out] : keys) {
    const auto text = string_at(object, key);
    if (!text) return false;
    *out = *text;
  }
  return true;
}

Parsed parse_delivery(const boost::json::object& message) {
  auto delivery = std::make_shared<notifications::Delivery>();
  const auto* content = message.if_contains("content");
  notifications::Content& into = delivery->content;
  if (content == nullptr || !content->is_object() ||
      !read_texts(content->get_object(),
                  {{"kind", &into.kind}, {"title", &into.title}, {"body", &into.body}, {"data", &into.data}})) {
    return Failure{std::string("a delivery without a complete content")};
  }
  const auto created_at = integer_at(message, "created_at");
  if (!created_at) return Failure{std::string("a delivery without created_at in seconds")};
  delivery->created_at = SysSeconds(std::chrono::seconds(*created_at));
  const auto* recipients = array_at(message, "recipients");
  if (recipients == nullptr) return Failure{std::string("a delivery without recipients")};
  for (const boost::json::value& entry : *recipients) {
    const auto* recipient = entry.if_object();
    const auto user_id = recipient != nullptr ? string_at(*recipient, "user_id") : std::nullopt;
    const auto id = recipient != nullptr ? integer_at(*recipient, "notification_id") : std::nullopt;
    if (!user_id || !id) return Failure{std::string("a delivery with a recipient lacking user_id or notification_id")};
    delivery->recipients.push_back({std::string(*user_id), *id});
  }
  return LiveMessage(std::move(delivery));
}

Parsed parse_signal(const boost::json::object& message) {
  auto signal = std::make_shared<Signal>();
  const auto* user_ids = array_at(message, "user_ids");
  if (user_ids == nullptr || !read_texts(message, {{"frame", &signal->frame}})) {
    return Failure{std::string("a signal without user_ids or frame")};
  }
  for (const boost::json::value& user_id : *user_ids) {
    if (!user_id.is_string()) return Failure{std::string("a signal with a user id that is not a string")};
    signal->user_ids.emplace_back(std::string_view(user_id.get_string()));
  }
  return LiveMessage(std::move(signal));
}

}  // namespace

void check_not_null(const LiveMessage& message) {
  if (std::visit([](const auto& pointer) { return pointer == nullptr; }, message)) {
    throw std::invalid_argument("a live message cannot be null");
  }
}

std::string to_json(const LiveMessage& message) {
  check_not_null(message);
  return boost::json::serialize(std::visit(
      [](const auto& pointer) {
        if constexpr (std::is_same_v<std::decay_t<decltype(*pointer)>, Signal>) {
          return signal_json(*pointer);
        } else {
          return delivery_json(*pointer);
        }
      },
      message));
}

Parsed parse_live_message(std::string_view text) {
  boost::system::error_code ec;
  const boost::json::value parsed = boost::json::parse(text, ec);
  if (ec || !parsed.is_object()) return Failure{std::string("not a JSON object")};
  const boost::json::object& message = parsed.get_object();
  const auto version = integer_at(message, "v");
  if (!version) return Failure{std::string("no version")};
  if (*version != kVersion) return Failure{"version " + std::to_string(*version) + " is not understood"};
  const auto kind = string_at(message, "kind");
  if (kind == kDelivery) return parse_delivery(message);
  if (kind == kSignal) return parse_signal(message);
  return Failure{std::string("an unknown kind")};
}

}  // namespace hc::bus
