#pragma once
// What the WebSocket scenarios read back from the server under test: a figure of /metrics, and a hotelier's
// counters for today.
#include <cstdint>
#include <string>
#include <string_view>

namespace hc::bench {

//! The value of an unlabelled metric in /metrics; throws if the server does not show it.
double metric(std::uint16_t port, std::string_view name);

//! Views, clicks and shares in the totals of GET /api/v1/hotelier/stats for today (in the generated hotels' time
//! zone); throws unless the server answers 200.
std::int64_t interactions_today(std::uint16_t port, const std::string& hotelier_token);

}  // namespace hc::bench
