#pragma once
// The server under test: `hotelcoupon serve` started fresh for each scenario on a free loopback port, with the
// data folder the scenario generated, and the access tokens the load tool presents to it.
#include "auth/jwt.hpp"
#include "core/principal.hpp"
#include "process_usage.hpp"

#include <cstdint>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace hc::test {
class ChildProcess;
}

namespace hc::bench {

class BenchServer {
 public:
  //! Starts the binary with `serve`, the data folder and the flags, and waits until it listens; throws with its log
  //! if it ends or does not listen within 60 s.
  BenchServer(const std::filesystem::path& binary, const std::filesystem::path& data_dir,
              const std::vector<std::string>& flags);
  ~BenchServer();
  BenchServer(const BenchServer&) = delete;
  BenchServer& operator=(const BenchServer&) = delete;

  [[nodiscard]] std::uint16_t port() const { return port_; }
  //! CPU time and memory of the server process so far.
  [[nodiscard]] ProcessUsage usage() const;
  //! Everything the server has logged.
  [[nodiscard]] std::string log() const;

 private:
  std::filesystem::path log_file_;
  std::unique_ptr<test::ChildProcess> process_;
  std::uint16_t port_ = 0;
};

//! Access tokens for the generated accounts, signed with the key the server reads from its data folder, so that a
//! scenario needs no sign-in (argon2id at sign-in is deliberately slow and is not what a scenario measures).
class TokenMint {
 public:
  //! Creates the key in the data folder where the server looks for it (or reads the one there).
  explicit TokenMint(const std::filesystem::path& data_dir);

  //! A token valid for two hours.
  [[nodiscard]] std::string token_for(const std::string& user_id, Role role) const;

 private:
  auth::JwtCodec codec_;
};

//! The `hotelcoupon` binary built beside the load tool.
std::filesystem::path server_binary();

}  // namespace hc::bench
