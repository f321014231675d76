#include "suite_logs.hpp"

#include <gtest/gtest.h>
#include <unistd.h>

#include <atomic>
#include <cstdlib>
#include <fstream>
#include <mutex>
#include <optional>
#include <string>
#include <system_error>
#include <unordered_set>

namespace hc::test {
namespace {

std::optional<std::filesystem::path> suite_logs_dir() {
  const char* dir = std::getenv("HC_TEST_LOGS");
  if (dir == nullptr || *dir == '\0') return std::nullopt;
  return std::filesystem::path(dir);
}

// The running test's name ("Suite.Test"), or "suite" between tests (a fixture's SetUpTestSuite).
std::string current_test_name() {
  const auto* info = ::testing::UnitTest::GetInstance()->current_test_info();
  if (info == nullptr) return "suite";
  std::string name = std::string(info->test_suite_name()) + "." + info->name();
  for (char& c : name) {
    if (c == '/') c = '_';  // parameterised tests
  }
  return name;
}

// One file per test process, appended line by line (so a test that crashes has still written what it saw).
class Witness {
 public:
  void note(std::string_view kind, std::string_view text) {
    if (text.empty() || text.find('\n') != std::string_view::npos) return;
    const std::lock_guard lock(mutex_);
    if (!seen_.emplace(std::string(kind) + ' ' + std::string(text)).second) return;
    if (!out_.is_open()) {
      const auto dir = suite_logs_dir();
      if (!dir) return;
      std::error_code ec;
      std::filesystem::create_directories(*dir / "witness", ec);
      out_.open(*dir / "witness" / (std::to_string(::getpid()) + ".txt"), std::ios::app);
    }
    out_ << kind << ' ' << text << '\n' << std::flush;
  }

 private:
  std::mutex mutex_;
  std::unordered_set<std::string> seen_;
  std::ofstream out_;
};

Witness& witness() {
  static Witness instance;
  return instance;
}

}  // namespace

void keep_server_log(const std::filesystem::path& log_file) {
  const auto dir = suite_logs_dir();
  if (!dir) return;
  static std::atomic<int> counter{0};
  const auto servers = *dir / "servers";
  std::error_code ec;
  std::filesystem::create_directories(servers, ec);
  const auto name = current_test_name() + "." + std::to_string(::getpid()) + "." + std::to_string(++counter) + ".log";
  std::filesystem::copy_file(log_file, servers / name, std::filesystem::copy_options::overwrite_existing, ec);
}

void witness_secret(std::string_view secret) {
  if (suite_logs_dir()) witness().note("secret", secret);
}

void witness_refusal(unsigned status, std::string_view request_id) {
  if (suite_logs_dir()) witness().note("refused", std::to_string(status) + " " + std::string(request_id));
}

}  // namespace hc::test
