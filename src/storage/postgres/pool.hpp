#pragma once
// A fixed set of connections shared by threads, each used by one thread at a time; a thread that finds none free
// waits until a lease comes back. A connection that broke (the server restarted, a call ran past its deadline) is
// replaced by a new one when it is next leased.
#include <condition_variable>
#include <cstddef>
#include <mutex>
#include <utility>
#include <vector>

#include "storage/postgres/connection.hpp"

namespace hc::postgres {

class ConnectionPool {
 public:
  //! Gives one thread the use of one connection until it is destroyed.
  class Lease {
   public:
    Lease(Lease&& other) noexcept;
    Lease& operator=(Lease&& other) noexcept;
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;
    //! Returns the connection to the pool, rolling back a transaction left open.
    ~Lease();

    //! The leased connection; do not keep it past the lease.
    Connection& operator*() const noexcept { return *connection_; }
    //! The leased connection.
    Connection* operator->() const noexcept { return connection_; }

   private:
    friend class ConnectionPool;
    Lease(ConnectionPool& pool, Connection& connection) noexcept;

    ConnectionPool* pool_;
    Connection* connection_;
  };

  //! Opens `size` connections now, so that a bad URL or password fails at start-up; throws Error.
  ConnectionPool(ConnectionOptions options, std::size_t size);

  ConnectionPool(const ConnectionPool&) = delete;
  ConnectionPool& operator=(const ConnectionPool&) = delete;
  ConnectionPool(ConnectionPool&&) = delete;
  ConnectionPool& operator=(ConnectionPool&&) = delete;
  //! Closes the connections; every lease must have been returned.
  ~ConnectionPool() = default;

  //! Waits until a connection is free and leases it, first reconnecting it if it broke; throws Error
  //! (ErrorKind::connection) if the server cannot be reached, and the next acquire tries again.
  [[nodiscard]] Lease acquire();

  //! Runs f(Connection&) on a leased connection and returns its result.
  template <class F>
  auto with_connection(F&& f) {
    const Lease lease = acquire();
    return std::forward<F>(f)(*lease);
  }

  //! The number of connections, leased or not.
  [[nodiscard]] std::size_t size() const noexcept { return connections_.size(); }

 private:
  void release(Connection& connection) noexcept;

  ConnectionOptions options_;
  std::vector<Connection> connections_;  // never resized after construction, so the pointers below stay valid
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<Connection*> free_;
};

}  // namespace hc::postgres
