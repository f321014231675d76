#include "redis/failure_limiter.hpp"

#include "core/random.hpp"

#include <algorithm>
#include <stdexcept>

namespace hc::redis {
namespace {

// KEYS[1]: the key's set of failure times. ARGV: now, the window's start (both in microseconds, passed on as
// text so that no digit is lost to Lua's number formatting), max failures, the window in milliseconds, and a
// member unique to this attempt. Returns 0 when the attempt was counted, else the wait in microseconds.
// The set never holds more than max failures: when it is full, its first member is the oldest one that counts.
constexpr std::string_view kBeginAttempt = R"lua(
redis.call('ZREMRANGEBYSCORE', KEYS[1], '-inf', ARGV[2])
local max = tonumber(ARGV[3])
if redis.call('ZCARD', KEYS[1]) >= max then
  local oldest = redis.call('ZRANGE', KEYS[1], 0, 0, 'WITHSCORES')
  return tonumber(oldest[2]) - tonumber(ARGV[2])
end
redis.call('ZADD', KEYS[1], ARGV[1], ARGV[5])
redis.call('ZREMRANGEBYRANK', KEYS[1], 0, -(max + 1))
redis.call('PEXPIRE', KEYS[1], ARGV[4])
return 0
)lua";

std::string microseconds_since_epoch(std::chrono::system_clock::time_point at) {
  return std::to_string(std::chrono::duration_cast<std::chrono::microseconds>(at.time_since_epoch()).count());
}

}  // namespace

RedisFailureLimiter::RedisFailureLimiter(Pool& pool, int max_failures, std::chrono::seconds window,
                                         std::string key_prefix)
    : pool_(pool), max_failures_(max_failures), window_(window), key_prefix_(std::move(key_prefix)) {
  if (max_failures_ <= 0 || window_ <= std::chrono::seconds::zero()) {
    throw std::invalid_argument("failure limiter needs positive max_failures and window");
  }
}

std::string RedisFailureLimiter::redis_key(std::string_view key) const { return key_prefix_ + std::string(key); }

void RedisFailureLimiter::clear(std::string_view key) { pool_.command("DEL", redis_key(key)); }

void RedisFailureLimiter::forgive(std::string_view key) { pool_.command("ZPOPMAX", redis_key(key)); }

std::optional<std::chrono::seconds> RedisFailureLimiter::begin_attempt(std::string_view key,
                                                                       std::chrono::system_clock::time_point now) {
  const std::string member = random_token(12);
  auto lease = pool_.lease();
  const auto wait = std::chrono::microseconds{
      run_script(*lease, redis_key(key), microseconds_since_epoch(now), microseconds_since_epoch(now - window_), member)
          .integer()};
  if (wait <= std::chrono::microseconds::zero()) return std::nullopt;
  return std::max(std::chrono::ceil<std::chrono::seconds>(wait), std::chrono::seconds{1});
}

Reply RedisFailureLimiter::run_script(Connection& connection, const std::string& key, std::string_view now,
                                      std::string_view window_start, std::string_view member) {
  const std::string max = std::to_string(max_failures_);
  const std::string window_ms = std::to_string(std::chrono::milliseconds{window_}.count());
  std::string sha;
  {
    const std::lock_guard lock(sha_mutex_);
    sha = script_sha_;
  }
  if (sha.empty()) {
    sha = connection.command("SCRIPT", "LOAD", kBeginAttempt).string();
    const std::lock_guard lock(sha_mutex_);
    script_sha_ = sha;
  }
  try {
    return connection.command("EVALSHA", sha, "1", key, now, window_start, max, window_ms, member);
  } catch (const Error& error) {
    // Redis forgets its scripts when it restarts; EVAL runs the script and caches it again.
    if (!error.reply().starts_with("NOSCRIPT")) throw;
    return connection.command("EVAL", kBeginAttempt, "1", key, now, window_start, max, window_ms, member);
  }
}

}  // namespace hc::redis
