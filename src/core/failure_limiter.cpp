#include "core/failure_limiter.hpp"

#include <algorithm>
#include <stdexcept>

namespace hc {

InMemoryFailureLimiter::InMemoryFailureLimiter(int max_failures, std::chrono::seconds window, std::size_t max_keys)
    : max_failures_(max_failures > 0 ? static_cast<std::size_t>(max_failures) : 0),
      window_(window),
      max_keys_(max_keys) {
  if (max_failures_ == 0 || window_ <= std::chrono::seconds::zero() || max_keys_ == 0) {
    throw std::invalid_argument("failure limiter needs positive max_failures, window and max_keys");
  }
}

std::optional<std::chrono::seconds> InMemoryFailureLimiter::retry_after(std::string_view key, TimePoint now) {
  const std::lock_guard lock(mutex_);
  return wait_locked(key, now);
}

std::optional<std::chrono::seconds> InMemoryFailureLimiter::wait_locked(std::string_view key, TimePoint now) {
  const auto it = entries_.find(key);
  if (it == entries_.end()) {
    return std::nullopt;
  }
  if (is_stale(it->second, now)) {
    erase(it);
    return std::nullopt;
  }
  const auto& failures = it->second.failures;
  const auto window_start = now - window_;
  const auto in_window = failures.end() - std::upper_bound(failures.begin(), failures.end(), window_start);
  if (static_cast<std::size_t>(in_window) < max_failures_) {
    return std::nullopt;
  }
  // Only the newest max_failures_ are kept, so when all of them count the front is the oldest counted one.
  const auto wait = std::chrono::ceil<std::chrono::seconds>(failures.front() + window_ - now);
  return std::max(wait, std::chrono::seconds{1});
}

void InMemoryFailureLimiter::record_failure(std::string_view key, TimePoint now) {
  const std::lock_guard lock(mutex_);
  record_locked(key, now);
}

std::optional<std::chrono::seconds> InMemoryFailureLimiter::begin_attempt(std::string_view key, TimePoint now) {
  const std::lock_guard lock(mutex_);
  if (auto wait = wait_locked(key, now)) return wait;
  record_locked(key, now);
  return std::nullopt;
}

void InMemoryFailureLimiter::forgive(std::string_view key) {
  const std::lock_guard lock(mutex_);
  const auto it = entries_.find(key);
  if (it == entries_.end() || it->second.failures.empty()) return;
  it->second.failures.pop_back();
  if (it->second.failures.empty()) erase(it);
}

void InMemoryFailureLimiter::record_locked(std::string_view key, TimePoint now) {
  if (!entries_.contains(key)) {
    make_room(now);
  }
  auto& failures = touch(key)->second.failures;
  // Callers on different threads may pass slightly out-of-order times; keeping the list sorted keeps
  // "front is oldest" true.
  failures.insert(std::upper_bound(failures.begin(), failures.end(), now), now);
  if (failures.size() > max_failures_) {
    failures.pop_front();
  }
}

void InMemoryFailureLimiter::clear(std::string_view key) {
  const std::lock_guard lock(mutex_);
  const auto it = entries_.find(key);
  if (it != entries_.end()) {
    erase(it);
  }
}

std::size_t InMemoryFailureLimiter::key_count() const {
  const std::lock_guard lock(mutex_);
  return entries_.size();
}

bool InMemoryFailureLimiter::is_stale(const Entry& entry, TimePoint now) const {
  return entry.failures.empty() || entry.failures.back() <= now - window_;
}

void InMemoryFailureLimiter::erase(Table::iterator it) {
  recency_.erase(it->second.recency);
  entries_.erase(it);
}

InMemoryFailureLimiter::Table::iterator InMemoryFailureLimiter::touch(std::string_view key) {
  auto it = entries_.find(key);
  if (it != entries_.end()) {
    recency_.splice(recency_.end(), recency_, it->second.recency);
    return it;
  }
  recency_.emplace_back(key);
  return entries_.emplace(recency_.back(), Entry{{}, std::prev(recency_.end())}).first;
}

// Touching a key always records a failure at about `now`, so keys sit in recency_ in the order of their
// newest failure: stale keys gather at the front, and stopping at the first live one finds them all
// without scanning the whole table.
void InMemoryFailureLimiter::make_room(TimePoint now) {
  if (entries_.size() < max_keys_) {
    return;
  }
  while (!recency_.empty() && is_stale(entries_.find(recency_.front())->second, now)) {
    erase(entries_.find(recency_.front()));
  }
  if (entries_.size() >= max_keys_) {
    erase(entries_.find(recency_.front()));
  }
}

std::optional<std::chrono::seconds> begin_attempt(FailureLimiter& limiter, std::initializer_list<std::string_view> keys,
                                                  std::chrono::system_clock::time_point now) {
  for (auto key = keys.begin(); key != keys.end(); ++key) {
    if (auto wait = limiter.begin_attempt(*key, now)) {
      for (auto counted = keys.begin(); counted != key; ++counted) limiter.forgive(*counted);
      return wait;
    }
  }
  return std::nullopt;
}

void forgive(FailureLimiter& limiter, std::initializer_list<std::string_view> keys) {
  for (std::string_view key : keys) limiter.forgive(key);
}

}  // namespace hc
