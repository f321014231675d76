#include "storage/postgres/pool.hpp"

#include <stdexcept>

namespace hc::postgres {

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

ConnectionPool::ConnectionPool(ConnectionOptions options, std::size_t size) : options_(std::move(options)) {
  if (size == 0) {
    throw std::invalid_argument("ConnectionPool: size must be at least 1");
  }
  connections_.reserve(size);
  free_.reserve(size);
  for (std::size_t i = 0; i < size; ++i) {
    connections_.emplace_back(options_);
  }
  for (Connection& connection : connections_) {
    free_.push_back(&connection);
  }
}

ConnectionPool::Lease ConnectionPool::acquire() {
  Connection* connection = nullptr;
  {
    std::unique_lock lock(mutex_);
    returned_.wait(lock, [this] { return !free_.empty(); });
    connection = free_.back();
    free_.pop_back();
  }
  // The lease owns the slot from here, so a failed reconnect hands it back (still broken) for the next try.
  Lease lease(*this, *connection);
  // A server restart ends idle connections too; the first user after it must not be the one to find out.
  connection->notice_if_ended();
  if (connection->is_broken()) {
    *connection = Connection(options_);  // outside the lock: connecting can take up to the connect timeout
  }
  return lease;
}

void ConnectionPool::release(Connection& connection) noexcept {
  // The next holder must find the connection as fresh as a new one, not inside someone's forgotten BEGIN.
  if (connection.in_transaction()) {
    try {
      connection.exec("ROLLBACK");
    } catch (...) {  // NOLINT(bugprone-empty-catch): the connection broke, and the next acquire replaces it
    }
  }
  {
    const std::lock_guard lock(mutex_);
    free_.push_back(&connection);  // cannot allocate: free_ was reserved for every connection
  }
  returned_.notify_one();
}

}  // namespace hc::postgres
