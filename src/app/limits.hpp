#pragma once
// How many failed guesses the sign-in and the front desk allow, and over which window: the same whether each node
// counts on its own or every node counts together in Redis.
#include <chrono>

namespace hc::app {

inline constexpr int kLoginMaxFailures = 10;
inline constexpr std::chrono::minutes kLoginWindow{15};
inline constexpr int kDeskMaxFailures = 20;  // the default of HC_DESK_MAX_FAILURES
inline constexpr std::chrono::minutes kDeskWindow{10};

}  // namespace hc::app
