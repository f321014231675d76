#pragma once
// A throwaway PostgreSQL cluster for tests: initdb into a temporary folder, a server on a free loopback port, a
// fresh database per test, and everything stopped and removed afterwards.
//
// initdb and postgres refuse to run as root, so under root both run as `nobody`, which then owns the folder.
#include <sys/types.h>
#include <atomic>
#include <cstdint>
#include <vector>
#include <mutex>
#include <string>
#include <string_view>

#include "temp_dir.hpp"

namespace hc::test {

class PostgresServer {
 public:
  //! How the cluster writes: tests trade durability for speed; a benchmark measures what production does.
  enum class Durability { relaxed, durable };

  //! Creates and starts the cluster; throws std::runtime_error saying what to do if PostgreSQL is not installed,
  //! and with the server's log if it does not start. A relaxed cluster never fsyncs and keeps little WAL; a
  //! durable one runs with PostgreSQL's own defaults (fsync, synchronous commit, full-page writes).
  explicit PostgresServer(Durability durability = Durability::relaxed);

  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;
  PostgresServer(PostgresServer&&) = delete;
  PostgresServer& operator=(PostgresServer&&) = delete;

  //! Uses a server another process started (see shared_postgres): this process creates its own databases there,
  //! and drop_created() removes them.
  PostgresServer(std::uint16_t port, std::string password);

  //! Stops the server (fast shutdown: open sessions are ended) and removes its folder; leaves another process's
  //! server alone.
  ~PostgresServer();

  //! The superuser's URL of the default database: postgresql://postgres:<password>@127.0.0.1:<port>/postgres.
  [[nodiscard]] std::string url() const { return url_for("postgres"); }

  //! The superuser's URL of `database` on this server.
  [[nodiscard]] std::string url_for(std::string_view database) const;

  //! Creates an empty database under a new name (unique across the processes sharing the server) and returns its
  //! URL.
  std::string create_database();

  //! For a server another process started: drops the databases this one created (called after the last test).
  void drop_created();

  //! True while the server this object started runs (false for another process's server).
  [[nodiscard]] bool running();
  //! What the server this object started has logged.
  [[nodiscard]] std::string log() const;

  //! The port it listens on (127.0.0.1).
  [[nodiscard]] std::uint16_t port() const noexcept { return static_cast<std::uint16_t>(port_); }

  //! The superuser's password (the server asks for it over TCP).
  [[nodiscard]] const std::string& password() const noexcept { return password_; }

 private:
  void start();

  TempDir dir_;
  std::string bin_dir_;
  std::string password_;
  Durability durability_ = Durability::relaxed;
  int port_ = 0;
  pid_t pid_ = -1;
  bool external_ = false;  // another process's server
  std::atomic<int> databases_ = 0;
  std::string database_prefix_;  // "test_<random>_": names stay unique when processes share the server
  std::mutex created_mutex_;
  std::vector<std::string> created_;  // dropped at the end when the server is another process's
};

//! The one server of this test binary, started by the first test that asks and stopped at exit, so that each test
//! pays only for its own database. When HOTELCOUPON_TEST_POSTGRES is "<port> <password>" (scripts/test starts one
//! server for the whole run with the test_postgres tool), that server is used instead.
PostgresServer& shared_postgres();

}  // namespace hc::test
