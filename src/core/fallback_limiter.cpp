#include "core/fallback_limiter.hpp"

namespace hc {

FallbackFailureLimiter::FallbackFailureLimiter(FailureLimiter& shared, FailureLimiter& local,
                                               CircuitBreaker& breaker)
    : shared_(shared), local_(local), breaker_(breaker) {}

template <class F, class G>
decltype(auto) FallbackFailureLimiter::shared_or_local(F&& call, G&& fallback) {
  try {
    return breaker_.run(std::forward<F>(call));
  } catch (const std::runtime_error&) {
    // Unreachable, timed out, or refused by the open breaker (which logs its transitions): count here instead.
    return std::forward<G>(fallback)();
  }
}

void FallbackFailureLimiter::clear(std::string_view key) {
  local_.clear(key);
  shared_or_local([&] { shared_.clear(key); }, [] {});
}

std::optional<std::chrono::seconds> FallbackFailureLimiter::begin_attempt(std::string_view key,
                                                                          std::chrono::system_clock::time_point now) {
  return shared_or_local([&] { return shared_.begin_attempt(key, now); },
                         [&] { return local_.begin_attempt(key, now); });
}

void FallbackFailureLimiter::forgive(std::string_view key) {
  shared_or_local([&] { shared_.forgive(key); }, [&] { local_.forgive(key); });
}

}  // namespace hc
