#include "core/circuit_breaker.hpp"

#include <algorithm>

namespace hc {
namespace {

constexpr std::size_t kBuckets = 10;

std::chrono::seconds whole_seconds_at_least_one(std::chrono::steady_clock::duration wait) {
  const auto seconds = std::chrono::ceil<std::chrono::seconds>(wait);
  return std::max(seconds, std::chrono::seconds(1));
}

}  // namespace

std::string_view to_string(BreakerState state) {
  switch (state) {
    case BreakerState::closed: return "closed";
    case BreakerState::open: return "open";
    case BreakerState::half_open: return "half_open";
  }
  return "closed";
}

DependencyUnavailable::DependencyUnavailable(std::string dependency, std::chrono::seconds retry_after,
                                             std::string_view cause)
    : std::runtime_error(dependency + " unavailable: " +
                         (cause.empty() ? std::string("its circuit breaker is open") : std::string(cause))),
      dependency_(std::move(dependency)),
      retry_after_(retry_after) {}

CircuitBreaker::CircuitBreaker(std::string name, BreakerOptions options, Logger log, Clock clock)
    : name_(std::move(name)), options_(options), log_(std::move(log)), clock_(std::move(clock)), buckets_(kBuckets) {}

BreakerState CircuitBreaker::state() const {
  const std::lock_guard lock(mutex_);
  return state_;
}

std::uint64_t CircuitBreaker::times_opened() const {
  const std::lock_guard lock(mutex_);
  return times_opened_;
}

std::int64_t CircuitBreaker::slot_of(std::chrono::steady_clock::time_point at) const {
  const auto slice = options_.window / static_cast<std::int64_t>(kBuckets);
  return at.time_since_epoch() / std::max(slice, std::chrono::milliseconds(1));
}

CircuitBreaker::Ticket CircuitBreaker::admit() {
  const std::lock_guard lock(mutex_);
  const auto now = clock_();
  if (state_ == BreakerState::open) {
    const auto waited = now - opened_at_;
    if (waited < options_.cool_down) {
      throw DependencyUnavailable(name_, whole_seconds_at_least_one(options_.cool_down - waited));
    }
    move_to(BreakerState::half_open, "cool-down over: one trial call");
  }
  if (state_ == BreakerState::half_open) {
    // One trial at a time; the others are refused until it has answered.
    if (trial_under_way_) throw DependencyUnavailable(name_, std::chrono::seconds(1));
    trial_under_way_ = true;
    return {generation_, true};
  }
  return {generation_, false};
}

void CircuitBreaker::record(const Ticket& ticket, Outcome outcome) {
  const std::lock_guard lock(mutex_);
  if (ticket.generation != generation_) return;  // let through before the last change of state
  const auto now = clock_();
  if (ticket.trial) {
    trial_under_way_ = false;
    if (outcome == Outcome::success) {
      for (Bucket& bucket : buckets_) bucket = {};
      move_to(BreakerState::closed, "the trial call succeeded");
    } else if (outcome == Outcome::failure) {
      opened_at_ = now;
      move_to(BreakerState::open, "the trial call failed");
    }
    return;
  }
  if (outcome == Outcome::not_counted) return;

  const std::int64_t slot = slot_of(now);
  Bucket& bucket = buckets_[static_cast<std::size_t>(slot) % kBuckets];
  if (bucket.slot != slot) bucket = {slot, 0, 0};
  ++bucket.calls;
  if (outcome == Outcome::success) return;
  ++bucket.failures;

  std::size_t calls = 0;
  std::size_t failures = 0;
  for (const Bucket& counted : buckets_) {
    if (counted.slot > slot - static_cast<std::int64_t>(kBuckets)) {
      calls += counted.calls;
      failures += counted.failures;
    }
  }
  if (calls >= options_.minimum_calls &&
      static_cast<double>(failures) >= options_.failure_rate * static_cast<double>(calls)) {
    opened_at_ = now;
    move_to(BreakerState::open, std::to_string(failures) + " of " + std::to_string(calls) + " calls failed");
  }
}

void CircuitBreaker::move_to(BreakerState next, std::string_view why) {
  const BreakerState previous = state_;
  state_ = next;
  ++generation_;
  if (next == BreakerState::open) ++times_opened_;
  const LogFields fields{{"breaker", std::string_view(name_)},
                         {"from", to_string(previous)},
                         {"to", to_string(next)},
                         {"why", why}};
  if (next == BreakerState::open) log_.warn("circuit breaker opened", fields);
  else log_.info(next == BreakerState::closed ? "circuit breaker closed" : "circuit breaker half-open", fields);
}

}  // namespace hc
