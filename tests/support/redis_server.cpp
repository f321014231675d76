#include "redis_server.hpp"

#include "core/random.hpp"

#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <string_view>

namespace hc::test {
namespace {

constexpr int kPortAttempts = 5;

std::filesystem::path redis_server_program() {
  const char* path = std::getenv("PATH");
  std::string_view folders = path ? path : "/usr/bin";
  while (!folders.empty()) {
    const auto end = folders.find(':');
    auto candidate = std::filesystem::path(folders.substr(0, end)) / "redis-server";
    if (::access(candidate.c_str(), X_OK) == 0) return candidate;
    folders.remove_prefix(end == std::string_view::npos ? folders.size() : end + 1);
  }
  throw std::runtime_error("redis-server is not installed: run scripts/install-deps --test");
}

}  // namespace

// Its own password, so that a probe never mistakes another test's Redis that holds the port for this one.
RedisServer::RedisServer() : password_(random_token(12)) {
  for (int attempt = 0; attempt < kPortAttempts; ++attempt) {
    port_ = free_loopback_port();  // Redis refuses --port 0
    if (launch()) return;
  }
  throw std::runtime_error("redis-server did not start in " + std::to_string(kPortAttempts) +
                           " attempts; its output:\n" + read_text_file(dir_.path() / "redis.log"));
}

std::string RedisServer::url() const {
  return "redis://:" + password_ + "@127.0.0.1:" + std::to_string(port_);
}

redis::ConnectionOptions RedisServer::connection_options() const {
  redis::ConnectionOptions options;
  options.endpoint.host = "127.0.0.1";
  options.endpoint.port = port_;
  options.endpoint.password = password_;
  options.connect_timeout = std::chrono::seconds(1);
  options.command_timeout = std::chrono::seconds(1);
  return options;
}

int RedisServer::pid() const { return process_ ? process_->pid() : -1; }

void RedisServer::stop() {
  if (process_) process_->stop();
  process_.reset();
}

void RedisServer::start() {
  if (process_) return;
  if (!launch()) {
    throw std::runtime_error("redis-server did not start again on port " + std::to_string(port_) + "; its output:\n" +
                             read_text_file(dir_.path() / "redis.log"));
  }
}

bool RedisServer::launch() {
  const auto log = dir_.path() / "redis.log";
  std::filesystem::remove(log);
  process_ = std::make_unique<ChildProcess>(
      std::vector<std::string>{redis_server_program().string(), "--bind", "127.0.0.1", "--port", std::to_string(port_),
                               "--save", "", "--appendonly", "no", "--dir", dir_.str(), "--requirepass", password_},
      log);
  redis::Connection probe(connection_options());
  const bool answers = wait_until(
      [&] {
        if (!process_->running()) return true;
        try {
          return probe.command("PING").string() == "PONG";
        } catch (const redis::Error&) {
          return false;
        }
      },
      std::chrono::seconds(10));
  if (answers && process_->running()) return true;
  process_.reset();
  return false;
}

}  // namespace hc::test
