#include "app/redis_services.hpp"

#include "app/limits.hpp"
#include "redis/stream_queue.hpp"

#include <stdexcept>

namespace hc::app {
namespace {

redis::ConnectionOptions connection_options(const Config& config) {
  auto endpoint = redis::parse_url(config.redis_url);
  if (!endpoint) throw std::runtime_error("HC_REDIS_URL: " + endpoint.error());  // the config checked it already
  return redis::ConnectionOptions{.endpoint = std::move(*endpoint)};
}

}  // namespace

RedisServices::RedisServices(const Config& config, std::size_t connections, FailureLimiter& local_login,
                             FailureLimiter& local_desk, const Logger& log)
    : pool(redis::PoolOptions{.connection = connection_options(config), .size = connections}),
      breaker("redis", BreakerOptions{}, log),
      shared_login(pool, kLoginMaxFailures, kLoginWindow, "hc:limit:login:"),
      shared_desk(pool, config.desk_max_failures, kDeskWindow, "hc:limit:desk:"),
      login(shared_login, local_login, breaker),
      desk(shared_desk, local_desk, breaker),
      bus(pool, connection_options(config), log),
      guarded_bus(bus, breaker) {}

std::string RedisServices::check() {
  try {
    breaker.run([this] { pool.command("PING"); });
  } catch (const std::exception&) {
    return breaker.state() == BreakerState::closed ? "unreachable" : "unreachable (circuit open)";
  }
  return bus.subscribed() ? "" : "not subscribed to the bus";
}

std::unique_ptr<RedisServices> open_redis(const Config& config, std::size_t connections, FailureLimiter& local_login,
                                          FailureLimiter& local_desk, const Logger& log) {
  if (config.redis_url.empty()) return nullptr;
  return std::make_unique<RedisServices>(config, connections, local_login, local_desk, log);
}

std::unique_ptr<interactions::InteractionQueue> open_interaction_queue(RedisServices* redis,
                                                                       interactions::InteractionRepository& repository,
                                                                       const Logger& log) {
  if (!redis) return std::make_unique<interactions::DatabaseQueue>(repository);
  return std::make_unique<redis::RedisStreamQueue>(redis->pool, redis->breaker, repository,
                                                   redis::StreamQueueOptions{.consumer = redis::unique_consumer_name()},
                                                   log);
}

}  // namespace hc::app
