#pragma once
// The failure limiter shared by every node that uses the same Redis: the same sliding window as
// InMemoryFailureLimiter, kept in one sorted set per key ("hc:limit:<key>", the failure times as scores, in
// microseconds of the caller's clock). A Lua script checks and counts in one atomic step; each set expires a window
// after its newest failure, so Redis holds no key longer than it matters. Losing it all only forgets failures.
#include "core/failure_limiter.hpp"
#include "redis/pool.hpp"

#include <chrono>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

namespace hc::redis {

class RedisFailureLimiter final : public FailureLimiter {
 public:
  static constexpr std::string_view kDefaultPrefix = "hc:limit:";

  //! Limits a key after max_failures failures within window; every Redis key starts with key_prefix.
  RedisFailureLimiter(Pool& pool, int max_failures, std::chrono::seconds window,
                      std::string key_prefix = std::string(kDefaultPrefix));

  //! Deletes the key's set.
  void clear(std::string_view key) override;
  //! Runs the script: drops failures older than the window, then either answers the wait or adds this attempt.
  std::optional<std::chrono::seconds> begin_attempt(std::string_view key,
                                                    std::chrono::system_clock::time_point now) override;
  //! Removes the newest failure of the key's set.
  void forgive(std::string_view key) override;

 private:
  std::string redis_key(std::string_view key) const;
  //! EVALSHA, loading the script first (again after Redis restarted or flushed its scripts).
  Reply run_script(Connection& connection, const std::string& key, std::string_view now, std::string_view window_start,
                   std::string_view member);

  Pool& pool_;
  const int max_failures_;
  const std::chrono::seconds window_;
  const std::string key_prefix_;
  std::mutex sha_mutex_;
  std::string script_sha_;  // "" until the script is loaded
};

}  // namespace hc::redis
