#include "s3_server.hpp"

#include <filesystem>
#include <regex>
#include <stdexcept>

namespace hc::test {
namespace {

std::filesystem::path s3rver_script() {
  const std::filesystem::path script = std::filesystem::path(HC_TEST_SERVICES_DIR) / "node_modules/s3rver/bin/s3rver.js";
  if (!std::filesystem::exists(script)) {
    throw std::runtime_error("s3rver is not installed at " + script.string() + ": run scripts/install-test-services");
  }
  return script;
}

}  // namespace

S3Server::S3Server() { start(); }

std::string S3Server::endpoint() const { return "http://127.0.0.1:" + std::to_string(port_); }

std::string S3Server::url() const {
  return "s3://" + std::string(kBucket) + "?endpoint=" + endpoint() + "&region=us-east-1";
}

void S3Server::stop() {
  if (process_) process_->stop();
  process_.reset();
}

void S3Server::start() {
  if (process_) return;
  const auto log = data_.path() / "s3rver.log";
  std::filesystem::remove(log);
  std::filesystem::create_directories(data_.path() / "data");
  // Port 0 the first time: s3rver says which port it took, and keeps it across restarts.
  process_ = std::make_unique<ChildProcess>(
      std::vector<std::string>{"node", s3rver_script().string(), "--directory", (data_.path() / "data").string(),
                               "--address", "127.0.0.1", "--port", std::to_string(port_), "--configure-bucket",
                               std::string(kBucket)},
      log);
  static const std::regex kListening(R"(listening on 127\.0\.0\.1:(\d+))");
  std::smatch match;
  std::string text;
  const bool listening = wait_until(
      [&] {
        text = read_text_file(log);
        return std::regex_search(text, match, kListening) || !process_->running();
      },
      std::chrono::seconds(30));
  if (!listening || match.empty()) {
    throw std::runtime_error("s3rver did not start; its output:\n" + text);
  }
  port_ = static_cast<std::uint16_t>(std::stoi(match[1].str()));
}

}  // namespace hc::test
