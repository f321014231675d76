#include "bench_server.hpp"

#include "app/secrets.hpp"
#include "child_process.hpp"
#include "core/random.hpp"

#include <chrono>
#include <regex>
#include <stdexcept>
#include <thread>

namespace hc::bench {

BenchServer::BenchServer(const std::filesystem::path& binary, const std::filesystem::path& data_dir,
                         const std::vector<std::string>& flags)
    : log_file_(data_dir / "server.log") {
  std::vector<std::string> argv{binary.string(), "serve",           "--listen",  "127.0.0.1:0",
                                "--data-dir",    data_dir.string(), "--web-dir", "none"};
  argv.insert(argv.end(), flags.begin(), flags.end());
  process_ = std::make_unique<test::ChildProcess>(argv, log_file_);
  // The server logs the port it bound: {"msg":"listening",...,"port":N}.
  const std::regex listening(R"re("msg":"listening".*"port":(\d+))re");
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(60);
  while (std::chrono::steady_clock::now() < give_up) {
    std::smatch match;
    const std::string text = log();
    if (std::regex_search(text, match, listening)) {
      port_ = static_cast<std::uint16_t>(std::stoi(match[1]));
      return;
    }
    if (!process_->running()) throw std::runtime_error("the server ended during start-up:\n" + text);
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  throw std::runtime_error("the server did not listen within 60 s:\n" + log());
}

BenchServer::~BenchServer() = default;

ProcessUsage BenchServer::usage() const { return usage_of(process_->pid()); }

std::string BenchServer::log() const { return test::read_text_file(log_file_); }

TokenMint::TokenMint(const std::filesystem::path& data_dir)
    : codec_(app::load_token_key(data_dir / "secrets" / "jwt.key", true), std::string(auth::kTokenIssuer),
             std::string(auth::kTokenAudience)) {}

std::string TokenMint::token_for(const std::string& user_id, Role role) const {
  const auto now = std::chrono::time_point_cast<std::chrono::seconds>(std::chrono::system_clock::now());
  return codec_.sign(
      {user_id, std::string(to_string(role)), "bench-" + random_token(6), now, now + std::chrono::hours(2)});
}

std::filesystem::path server_binary() {
  return std::filesystem::canonical("/proc/self/exe").parent_path() / "hotelcoupon";
}

}  // namespace hc::bench
