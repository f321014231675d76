#pragma once
// Reading members of JSON objects that come from outside (frames, payloads, events).
#include <boost/json/object.hpp>

#include <optional>
#include <string_view>

namespace hc {

//! The member's text when it is a string; nullopt when it is missing or not a string.
std::optional<std::string_view> string_at(const boost::json::object& object, std::string_view key);

}  // namespace hc
