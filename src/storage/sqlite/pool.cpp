#include "storage/sqlite/pool.hpp"

#include <sqlite3.h>

#include <stdexcept>

namespace hc::sqlite {
namespace {

// The next holder must find the connection as fresh as a new one: no half-read statement pinning an old
// snapshot, no transaction someone began with exec("BEGIN") and never ended.
void make_clean(Connection& connection) noexcept {
  connection.reset_statements();
  if (connection.in_transaction()) {
    sqlite3_exec(connection.handle(), "ROLLBACK", nullptr, nullptr, nullptr);
  }
}

}  // namespace

ConnectionPool::Lease::Lease(ConnectionPool& pool, Connection& connection) noexcept
    : pool_(&pool), connection_(&connection) {}

ConnectionPool::Lease::Lease(Lease&& other) noexcept
    : pool_(std::exchange(other.pool_, nullptr)), connection_(std::exchange(other.connection_, nullptr)) {}

ConnectionPool::Lease& ConnectionPool::Lease::operator=(Lease&& other) noexcept {
  if (this != &other) {
    if (pool_ != nullptr) {
      pool_->release(*connection_);
    }
    pool_ = std::exchange(other.pool_, nullptr);
    connection_ = std::exchange(other.connection_, nullptr);
  }
  return *this;
}

ConnectionPool::Lease::~Lease() {
  if (pool_ != nullptr) {
    pool_->release(*connection_);
  }
}

ConnectionPool::ConnectionPool(const ConnectionOptions& options, std::size_t size) {
  if (size == 0) {
    throw std::invalid_argument("ConnectionPool: size must be at least 1");
  }
  connections_.reserve(size);
  free_.reserve(size);
  for (std::size_t i = 0; i < size; ++i) {
    connections_.emplace_back(options);
  }
  for (Connection& connection : connections_) {
    free_.push_back(&connection);
  }
}

ConnectionPool::Lease ConnectionPool::acquire() {
  std::unique_lock lock(mutex_);
  returned_.wait(lock, [this] { return !free_.empty(); });
  Connection* connection = free_.back();
  free_.pop_back();
  return Lease(*this, *connection);
}

void ConnectionPool::release(Connection& connection) noexcept {
  make_clean(connection);
  {
    const std::lock_guard lock(mutex_);
    free_.push_back(&connection);  // cannot allocate: free_ was reserved for every connection
  }
  returned_.notify_one();
}

}  // namespace hc::sqlite
