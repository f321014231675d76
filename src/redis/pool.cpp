#include "redis/pool.hpp"

#include <stdexcept>

namespace hc::redis {

Pool::Lease::Lease(Pool& pool, std::unique_ptr<Connection> connection)
    : pool_(pool), connection_(std::move(connection)) {}

Pool::Lease::~Lease() { pool_.give_back(std::move(connection_)); }

Pool::Pool(PoolOptions options) : options_(std::move(options)) {
  if (options_.size == 0) throw std::invalid_argument("a redis pool needs at least one connection");
  for (std::size_t i = 0; i < options_.size; ++i) idle_.push_back(std::make_unique<Connection>(options_.connection));
}

Pool::Lease Pool::lease() {
  std::unique_lock lock(mutex_);
  if (!returned_.wait_for(lock, options_.lease_timeout, [&] { return !idle_.empty(); })) {
    throw Error("no free connection to redis at " + options_.connection.endpoint.describe() + " within " +
                std::to_string(options_.lease_timeout.count()) + " ms");
  }
  auto connection = std::move(idle_.back());
  idle_.pop_back();
  return Lease(*this, std::move(connection));
}

void Pool::give_back(std::unique_ptr<Connection> connection) {
  {
    const std::lock_guard lock(mutex_);
    idle_.push_back(std::move(connection));
  }
  returned_.notify_one();
}

}  // namespace hc::redis
