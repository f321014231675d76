#pragma once
// Sliding-window failure counting for throttling guesses: logins (per account and per client address)
// and front-desk code attempts.
#include <chrono>
#include <cstddef>
#include <deque>
#include <functional>
#include <initializer_list>
#include <list>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>
#include <unordered_map>

namespace hc {

//! What login and the front desk need: begin an attempt (counted as a failure unless forgiven), forgive it,
//! or forget a key. The Redis one (redis/failure_limiter.hpp) shares the counts between nodes.
class FailureLimiter {
 public:
  virtual ~FailureLimiter() = default;

  //! Forgets every failure of key, e.g. after a successful login.
  virtual void clear(std::string_view key) = 0;
  //! In one step: the wait if key is limited, else nullopt and the attempt counted as a failure until
  //! forgiven. Checking and counting at once keeps a burst of simultaneous guesses within the limit.
  virtual std::optional<std::chrono::seconds> begin_attempt(std::string_view key,
                                                            std::chrono::system_clock::time_point now) = 0;
  //! Un-counts the newest failure of key (an attempt begun with begin_attempt that turned out right).
  virtual void forgive(std::string_view key) = 0;
};

//! Begins one attempt against every key (an account and an address, say). If any key is limited, nothing
//! stays counted and its wait is returned.
std::optional<std::chrono::seconds> begin_attempt(FailureLimiter& limiter, std::initializer_list<std::string_view> keys,
                                                  std::chrono::system_clock::time_point now);

//! Forgives the attempt on every key.
void forgive(FailureLimiter& limiter, std::initializer_list<std::string_view> keys);

//! A single-process limiter with bounded memory; state is lost on restart.
class InMemoryFailureLimiter final : public FailureLimiter {
 public:
  //! Limits a key after max_failures failures within window; tracks at most max_keys keys.
  InMemoryFailureLimiter(int max_failures, std::chrono::seconds window, std::size_t max_keys = 100000);

  //! Returns how long key must wait before trying again, or nullopt while it is under the limit.
  std::optional<std::chrono::seconds> retry_after(std::string_view key,
                                                  std::chrono::system_clock::time_point now);

  //! Counts one failure for key at now, evicting other keys if the key table is full.
  void record_failure(std::string_view key, std::chrono::system_clock::time_point now);

  //! Forgets every failure of key.
  void clear(std::string_view key) override;
  std::optional<std::chrono::seconds> begin_attempt(std::string_view key,
                                                    std::chrono::system_clock::time_point now) override;
  void forgive(std::string_view key) override;

  //! Returns the number of keys currently tracked.
  std::size_t key_count() const;

 private:
  using TimePoint = std::chrono::system_clock::time_point;

  struct StringHash {
    using is_transparent = void;
    std::size_t operator()(std::string_view text) const { return std::hash<std::string_view>{}(text); }
  };

  struct Entry {
    std::deque<TimePoint> failures;  // ascending, at most max_failures_ of the newest
    std::list<std::string>::iterator recency;
  };

  using Table = std::unordered_map<std::string, Entry, StringHash, std::equal_to<>>;

  std::optional<std::chrono::seconds> wait_locked(std::string_view key, TimePoint now);
  void record_locked(std::string_view key, TimePoint now);
  bool is_stale(const Entry& entry, TimePoint now) const;
  void erase(Table::iterator it);
  void make_room(TimePoint now);
  Table::iterator touch(std::string_view key);

  const std::size_t max_failures_;
  const std::chrono::seconds window_;
  const std::size_t max_keys_;
  mutable std::mutex mutex_;
  Table entries_;
  std::list<std::string> recency_;  // least recently touched key first
};

}  // namespace hc
