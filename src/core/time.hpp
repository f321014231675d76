#pragma once
// Times are RFC 3339 in UTC at the API and in storage ("2026-11-22T10:00:00Z").
#include <chrono>
#include <functional>
#include <optional>
#include <string>
#include <string_view>

namespace hc {

using Clock = std::chrono::system_clock;
using SysSeconds = std::chrono::sys_seconds;

//! The current time; replaced in tests.
using NowFn = std::function<Clock::time_point()>;

//! "2026-11-22T10:00:00Z".
std::string to_rfc3339(SysSeconds time);
//! Parses "YYYY-MM-DDTHH:MM:SSZ" (UTC only).
std::optional<SysSeconds> parse_rfc3339(std::string_view text);
//! Now, truncated to seconds.
inline SysSeconds to_seconds(Clock::time_point time) { return std::chrono::floor<std::chrono::seconds>(time); }

}  // namespace hc
