#pragma once
// A limiter shared by every node (on Redis) behind a circuit breaker, with this node's own limiter to fall back on.
// While the shared one cannot be reached, each node counts on its own: guessing stays throttled (per node) and
// logins and the front desk keep working. Failures counted meanwhile stay local; the shared counts resume when the
// breaker closes.
#include "core/circuit_breaker.hpp"
#include "core/failure_limiter.hpp"

namespace hc {

class FallbackFailureLimiter final : public FailureLimiter {
 public:
  //! Uses `shared` through `breaker`, and `local` whenever that fails or the breaker is open.
  FallbackFailureLimiter(FailureLimiter& shared, FailureLimiter& local, CircuitBreaker& breaker);

  //! Forgets the key in both.
  void clear(std::string_view key) override;
  std::optional<std::chrono::seconds> begin_attempt(std::string_view key,
                                                    std::chrono::system_clock::time_point now) override;
  void forgive(std::string_view key) override;

 private:
  //! Runs `call` on the shared limiter, or `fallback` on the local one when the shared one cannot answer.
  template <class F, class G>
  decltype(auto) shared_or_local(F&& call, G&& fallback);

  FailureLimiter& shared_;
  FailureLimiter& local_;
  CircuitBreaker& breaker_;
};

}  // namespace hc
