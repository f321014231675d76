#pragma once
// A LiveMessage as it travels between nodes: one JSON text with a version, so that nodes of different releases
// can share a bus during a rolling upgrade, and a node refuses (never misreads) what it does not know.
#include "bus/live_bus.hpp"
#include "core/result.hpp"

#include <string>
#include <string_view>

namespace hc::bus {

//! Throws std::invalid_argument when the message holds a null pointer.
void check_not_null(const LiveMessage& message);

//! {"v":1,"kind":"delivery",...} or {"v":1,"kind":"signal",...}; throws std::invalid_argument for a null message.
std::string to_json(const LiveMessage& message);

//! Reads what to_json wrote. Anything else (another version, an unknown kind, a missing or mistyped field) is a
//! failure whose reason never quotes the text, which may hold user data.
Result<LiveMessage, std::string> parse_live_message(std::string_view text);

}  // namespace hc::bus
