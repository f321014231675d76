#pragma once
// A server a test starts and stops: a child process whose output goes to a file, killed if the test binary dies.
#include <chrono>
#include <cstdint>
#include <filesystem>
#include <optional>
#include <string>
#include <thread>
#include <vector>

namespace hc::test {

class ChildProcess {
 public:
  //! Starts argv[0] (looked up in PATH when it has no '/') with the test's environment, stdout and stderr
  //! appended to `output`.
  ChildProcess(const std::vector<std::string>& argv, const std::filesystem::path& output);
  //! Stops it (SIGTERM, then SIGKILL after a grace period) unless it has already ended.
  ~ChildProcess();
  ChildProcess(const ChildProcess&) = delete;
  ChildProcess& operator=(const ChildProcess&) = delete;

  //! Sends SIGTERM and waits up to `grace` for it to end, then SIGKILL; returns its exit status code.
  int stop(std::chrono::milliseconds grace = std::chrono::seconds(10));
  //! True while the process has not ended.
  [[nodiscard]] bool running();
  //! Its exit status (128 + signal if killed) once it has ended, or nullopt while it runs.
  [[nodiscard]] std::optional<int> exit_code();
  [[nodiscard]] int pid() const { return pid_; }

 private:
  int pid_ = -1;
  bool reaped_ = false;
  int status_ = 0;  // waitpid's status once reaped
};

//! Runs a tool (argv[0] looked up in PATH) to its end, stdout and stderr appended to `output`: its exit status, or
//! nullopt if it was still running after `timeout` (it is then stopped).
std::optional<int> run_to_end(const std::vector<std::string>& argv, const std::filesystem::path& output,
                              std::chrono::milliseconds timeout);

//! Polls `done` every 20 ms until it is true or `timeout` passes; returns its last answer.
template <class F>
bool wait_until(F&& done, std::chrono::milliseconds timeout) {
  const auto give_up = std::chrono::steady_clock::now() + timeout;
  while (true) {
    if (done()) return true;
    if (std::chrono::steady_clock::now() >= give_up) return false;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

//! A loopback port that was free a moment ago, for a server that cannot be told to pick one itself. Another
//! process may take it before the server binds it: a caller notices the server ending and tries again.
std::uint16_t free_loopback_port();

//! True if a TCP connection to 127.0.0.1:port is accepted (false when it is refused).
bool accepts_connections(std::uint16_t port);

//! The whole file, or "" when it cannot be read.
std::string read_text_file(const std::filesystem::path& path);

}  // namespace hc::test
