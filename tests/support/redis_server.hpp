#pragma once
// A throwaway Redis for tests: Debian's redis-server (installed by scripts/install-deps --test) on a free loopback
// port, with nothing saved to disk and its working folder in a temporary folder.
#include "child_process.hpp"
#include "redis/connection.hpp"
#include "temp_dir.hpp"

#include <cstdint>
#include <memory>
#include <string>

namespace hc::test {

class RedisServer {
 public:
  //! Starts it and waits until it answers PING; throws with the reason (redis-server missing, did not start).
  RedisServer();

  //! redis://127.0.0.1:<port>
  [[nodiscard]] std::string url() const;
  [[nodiscard]] std::uint16_t port() const { return port_; }
  //! Connection settings for it, with timeouts short enough for tests (one second).
  [[nodiscard]] redis::ConnectionOptions connection_options() const;
  //! The server's process id (to pause it with SIGSTOP), or -1 while it is stopped.
  [[nodiscard]] int pid() const;

  //! Stops the server (its data is lost); the port refuses connections until start().
  void stop();
  //! Starts it again on the same port, empty.
  void start();

 private:
  //! Starts redis-server on port_ and waits for PING; false if it ended (the port was taken, say).
  bool launch();

  std::string password_;  // requirepass: only our own clients get answers
  TempDir dir_;
  std::uint16_t port_ = 0;
  std::unique_ptr<ChildProcess> process_;
};

}  // namespace hc::test
