#pragma once
// What HC_REDIS_URL brings: the bus between nodes, the interaction stream, and the login and desk limits every node
// shares, all behind one circuit breaker. While Redis is away each node limits on its own, the outbox keeps what
// it could not publish, and client events wait in the database.
#include "app/config.hpp"
#include "bus/guarded_bus.hpp"
#include "bus/redis_bus.hpp"
#include "core/circuit_breaker.hpp"
#include "core/fallback_limiter.hpp"
#include "core/log.hpp"
#include "interactions/queue.hpp"
#include "redis/failure_limiter.hpp"
#include "redis/pool.hpp"

#include <memory>
#include <string>

namespace hc::app {

struct RedisServices {
  //! Opens nothing yet: connections are made on first use. The limits fall back on `local_login`, `local_desk`.
  RedisServices(const Config& config, std::size_t connections, FailureLimiter& local_login,
                FailureLimiter& local_desk, const Logger& log);

  //! Empty when Redis answers and the bus is subscribed, else what is wrong (for /readyz).
  std::string check();

  redis::Pool pool;
  CircuitBreaker breaker;
  redis::RedisFailureLimiter shared_login;
  redis::RedisFailureLimiter shared_desk;
  FallbackFailureLimiter login;
  FallbackFailureLimiter desk;
  bus::RedisBus bus;
  bus::GuardedBus guarded_bus;
};

//! The Redis services of HC_REDIS_URL, or null without it.
std::unique_ptr<RedisServices> open_redis(const Config& config, std::size_t connections, FailureLimiter& local_login,
                                          FailureLimiter& local_desk, const Logger& log);

//! With Redis, client events wait in its stream (every process folds it under its own consumer name); without, in
//! the database, like the events the server records itself.
std::unique_ptr<interactions::InteractionQueue> open_interaction_queue(RedisServices* redis,
                                                                       interactions::InteractionRepository& repository,
                                                                       const Logger& log);

}  // namespace hc::app
