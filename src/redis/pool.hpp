#pragma once
// A fixed number of Redis connections shared by the worker threads: a thread leases one, uses it alone, and the
// lease gives it back. Connections connect on first use and reconnect after a failure, so the pool itself never
// needs rebuilding when Redis restarts.
#include "redis/connection.hpp"

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <vector>

namespace hc::redis {

struct PoolOptions {
  ConnectionOptions connection;
  std::size_t size = 4;
  std::chrono::milliseconds lease_timeout{2000};  // how long a thread waits for a free connection
};

class Pool {
 public:
  //! One connection, used by one thread at a time; returned to the pool when the lease ends.
  class Lease {
   public:
    Lease(Pool& pool, std::unique_ptr<Connection> connection);
    ~Lease();
    Lease(const Lease&) = delete;
    Lease& operator=(const Lease&) = delete;

    Connection& operator*() const { return *connection_; }
    Connection* operator->() const { return connection_.get(); }

   private:
    Pool& pool_;
    std::unique_ptr<Connection> connection_;
  };

  //! Creates the connections without connecting them.
  explicit Pool(PoolOptions options);
  Pool(const Pool&) = delete;
  Pool& operator=(const Pool&) = delete;

  //! Waits up to the lease timeout for a free connection; throws redis::Error if none frees up.
  Lease lease();

  //! Runs one command on a leased connection.
  template <class... Args>
  Reply command(const Args&... args) {
    return lease()->command(args...);
  }

 private:
  void give_back(std::unique_ptr<Connection> connection);

  const PoolOptions options_;
  std::mutex mutex_;
  std::condition_variable returned_;
  std::vector<std::unique_ptr<Connection>> idle_;
};

}  // namespace hc::redis
