#pragma once
// A circuit breaker in front of one outbound dependency (the object store, Redis, later webhooks and e-mail), with
// Hystrix's defaults: it opens when at least half of at least 20 calls in the last 10 s failed; while open, calls
// fail at once with DependencyUnavailable (the API answers 503 with Retry-After); after a 5 s cool-down one trial
// call goes through (half-open), and its success closes the breaker while its failure opens it again. Every
// change of state is logged. Thread-safe.
#include "core/log.hpp"

#include <chrono>
#include <cstddef>
#include <functional>
#include <mutex>
#include <stdexcept>
#include <type_traits>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace hc {

struct BreakerOptions {
  double failure_rate = 0.5;         // this share of failed calls or more opens the breaker...
  std::size_t minimum_calls = 20;    // ...once the window holds at least this many calls
  std::chrono::milliseconds window{10'000};
  std::chrono::milliseconds cool_down{5'000};  // open this long before a trial call
};

enum class BreakerState { closed = 0, open = 1, half_open = 2 };  // the numbers are /metrics' values

//! How long a client is asked to wait after a call that failed while the breaker was still closed.
inline constexpr std::chrono::seconds kRetryAfterFailedCall{5};

//! "closed", "open" or "half_open".
std::string_view to_string(BreakerState state);

//! Thrown instead of calling a dependency whose breaker is open (and by the call that was refused while a
//! trial was under way), or for a call to it that failed, with the reason in what(); the dispatcher answers 503
//! with Retry-After.
class DependencyUnavailable : public std::runtime_error {
 public:
  //! Without a cause: refused by the open breaker.
  DependencyUnavailable(std::string dependency, std::chrono::seconds retry_after, std::string_view cause = {});
  [[nodiscard]] const std::string& dependency() const { return dependency_; }
  [[nodiscard]] std::chrono::seconds retry_after() const { return retry_after_; }

 private:
  std::string dependency_;
  std::chrono::seconds retry_after_;
};

class CircuitBreaker {
 public:
  using Clock = std::function<std::chrono::steady_clock::time_point()>;

  CircuitBreaker(std::string name, BreakerOptions options, Logger log,
                 Clock clock = [] { return std::chrono::steady_clock::now(); });

  //! Runs `call` unless the breaker is open, recording whether it threw; rethrows what it threw, and throws
  //! DependencyUnavailable without running it while the breaker is open.
  //! A std::logic_error (a bad argument: the caller's mistake) passes through without counting either way.
  template <class F>
  decltype(auto) run(F&& call) {
    const Ticket ticket = admit();
    try {
      if constexpr (std::is_void_v<decltype(call())>) {
        call();
        record(ticket, Outcome::success);
      } else {
        decltype(auto) result = call();
        record(ticket, Outcome::success);
        return result;
      }
    } catch (const std::logic_error&) {
      record(ticket, Outcome::not_counted);
      throw;
    } catch (...) {
      record(ticket, Outcome::failure);
      throw;
    }
  }

  [[nodiscard]] BreakerState state() const;
  [[nodiscard]] const std::string& name() const { return name_; }
  //! How many times it has opened since the start.
  [[nodiscard]] std::uint64_t times_opened() const;

 private:
  struct Bucket {
    std::int64_t slot = -1;  // which window/10 slice of time it counts
    std::size_t calls = 0;
    std::size_t failures = 0;
  };

  // Which state a call was let through in: an outcome from before the last change of state (a slow call that
  // outlived the opening) must not decide the trial.
  struct Ticket {
    std::uint64_t generation;
    bool trial;
  };
  enum class Outcome { success, failure, not_counted };

  //! Throws DependencyUnavailable unless a call may go ahead now.
  Ticket admit();
  void record(const Ticket& ticket, Outcome outcome);
  void move_to(BreakerState next, std::string_view why);  // with mutex_ held
  std::int64_t slot_of(std::chrono::steady_clock::time_point at) const;

  const std::string name_;
  const BreakerOptions options_;
  Logger log_;
  Clock clock_;
  mutable std::mutex mutex_;
  BreakerState state_ = BreakerState::closed;
  std::chrono::steady_clock::time_point opened_at_{};
  bool trial_under_way_ = false;
  std::uint64_t generation_ = 0;  // one more at every change of state
  std::uint64_t times_opened_ = 0;
  std::vector<Bucket> buckets_;  // a ring of ten slices of the window
};

}  // namespace hc
