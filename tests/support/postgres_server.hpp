#pragma once
// A throwaway PostgreSQL cluster for tests: initdb into a temporary folder, a server on a free loopback port, a
// fresh database per test, and everything stopped and removed afterwards.
//
// initdb and postgres refuse to run as root, so under root both run as `nobody`, which then owns the folder.
#include <sys/types.h>
#include <atomic>
#include <string>
#include <string_view>

#include "temp_dir.hpp"

namespace hc::test {

class PostgresServer {
 public:
  //! Creates and starts the cluster; throws std::runtime_error saying what to do if PostgreSQL is not installed,
  //! and with the server's log if it does not start.
  PostgresServer();

  PostgresServer(const PostgresServer&) = delete;
  PostgresServer& operator=(const PostgresServer&) = delete;
  PostgresServer(PostgresServer&&) = delete;
  PostgresServer& operator=(PostgresServer&&) = delete;

  //! Stops the server (fast shutdown: open sessions are ended) and removes its folder.
  ~PostgresServer();

  //! The superuser's URL of the default database: postgresql://postgres:<password>@127.0.0.1:<port>/postgres.
  [[nodiscard]] std::string url() const { return url_for("postgres"); }

  //! The superuser's URL of `database` on this server.
  [[nodiscard]] std::string url_for(std::string_view database) const;

  //! Creates an empty database under a new name and returns its URL.
  std::string create_database();

  //! The superuser's password (the server asks for it over TCP).
  [[nodiscard]] const std::string& password() const noexcept { return password_; }

 private:
  void start();

  TempDir dir_;
  std::string bin_dir_;
  std::string password_;
  int port_ = 0;
  pid_t pid_ = -1;
  std::atomic<int> databases_ = 0;
};

//! The one server of this test binary, started by the first test that asks and stopped at exit, so that each test
//! pays only for its own database.
PostgresServer& shared_postgres();

}  // namespace hc::test
