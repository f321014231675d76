#include "live/frames.hpp"

#include "core/json.hpp"
#include "interactions/client_event.hpp"
#include "net/json_body.hpp"
#include "notifications/json.hpp"

namespace hc::live {
namespace {

namespace json = boost::json;

constexpr std::string_view kAuthFirst = "the first frame must be {\"type\": \"auth\"}";

std::string_view type_of(const json::object& message) { return string_at(message, "type").value_or(""); }

Result<Hello, std::string> read_hello(const json::object& message) {
  if (type_of(message) != "auth") return Failure{std::string(kAuthFirst)};
  Hello hello;
  const auto token = string_at(message, "token");
  if (!token) return Failure{std::string("the auth frame needs a token")};
  hello.token = std::string(*token);
  if (const auto* resume = message.if_contains("resume_after"); resume != nullptr && !resume->is_null()) {
    const auto text_id = string_at(message, "resume_after");
    hello.resume_after = text_id ? notifications::parse_notification_id(*text_id) : std::nullopt;
    if (!hello.resume_after) return Failure{std::string("resume_after must be a notification id")};
  }
  return hello;
}

}  // namespace

Result<Hello, std::string> read_hello_frame(std::string_view text) {
  const auto message = net::parse_json_object(text);
  if (!message) return Failure{std::string(kAuthFirst)};
  return read_hello(*message);
}

ClientFrame read_client_frame(std::string_view text, std::string_view sender, SysSeconds now) {
  auto message = net::parse_json_object(text);
  if (!message) return {FrameKind::malformed_json, std::nullopt, std::nullopt};
  const std::string_view type = type_of(*message);
  if (type == "interaction") {
    // The event's own fields are what remains; an unknown one makes it malformed.
    message->erase("type");
    return {FrameKind::interaction, interactions::read_client_event(*message, sender, now), std::nullopt};
  }
  if (type == "ping") return {FrameKind::ping, std::nullopt, std::nullopt};
  if (type == "auth") {
    auto hello = read_hello(*message);
    return {FrameKind::auth, std::nullopt, hello ? std::optional<Hello>(std::move(*hello)) : std::nullopt};
  }
  return {FrameKind::unknown, std::nullopt, std::nullopt};
}

}  // namespace hc::live
