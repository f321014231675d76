#include "table.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <sys/utsname.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <thread>

namespace hc::bench {
namespace {

std::string cpu_model() {
  std::ifstream in("/proc/cpuinfo");
  for (std::string line; std::getline(in, line);) {
    if (line.rfind("model name", 0) == 0) return line.substr(line.find(':') + 2);
  }
  return "unknown";
}

boost::json::object machine() {
  utsname name{};
  ::uname(&name);
  const auto memory_gib = static_cast<double>(::sysconf(_SC_PHYS_PAGES)) *
                          static_cast<double>(::sysconf(_SC_PAGE_SIZE)) / (1024.0 * 1024.0 * 1024.0);
  return {{"cpu", cpu_model()},
          {"cores", std::thread::hardware_concurrency()},
          {"memory_gib", static_cast<double>(static_cast<long>(memory_gib * 10)) / 10},
          {"kernel", std::string(name.release)}};
}

std::string today() {
  const auto days = std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now());
  const std::chrono::year_month_day date{days};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(date.year()), static_cast<unsigned>(date.month()),
                static_cast<unsigned>(date.day()));
  return text;
}

}  // namespace

std::string verdict(const std::string& target, bool met) { return target + (met ? ": met" : ": missed"); }

void print_table(const std::vector<Row>& rows) {
  std::printf("\n%-14s %-17s %-34s %12s %-9s %9s %9s %9s %8s %9s  %s\n", "scenario", "profile", "what", "rate", "",
              "p50 ms", "p99 ms", "max ms", "cpu s", "peak MiB", "target");
  for (const Row& row : rows) {
    std::printf("%-14s %-17s %-34s %12.0f %-9s %9.2f %9.2f %9.2f %8.2f %9.1f  %s\n", row.scenario.c_str(),
                row.profile.c_str(), row.subject.c_str(), row.rate, row.unit.c_str(), row.latency.p50_ms,
                row.latency.p99_ms, row.latency.max_ms, row.server_cpu_seconds, row.server_peak_mib,
                row.target.c_str());
  }
  std::fflush(stdout);
}

void write_results(const std::filesystem::path& folder, const std::string& scenario, const std::vector<Row>& rows) {
  boost::json::array items;
  for (const Row& row : rows) {
    items.push_back({{"profile", row.profile},
                     {"what", row.subject},
                     {"rate", row.rate},
                     {"unit", row.unit},
                     {"p50_ms", row.latency.p50_ms},
                     {"p99_ms", row.latency.p99_ms},
                     {"max_ms", row.latency.max_ms},
                     {"server_cpu_s", row.server_cpu_seconds},
                     {"server_peak_mib", row.server_peak_mib},
                     {"target", row.target},
                     {"details", row.details}});
  }
  std::filesystem::create_directories(folder);
  std::ofstream(folder / (scenario + ".json"))
      << boost::json::serialize(boost::json::object{{"scenario", scenario},
                                                    {"date", today()},
                                                    {"command", "make bench SCENARIO=" + scenario},
                                                    {"machine", machine()},
                                                    {"rows", items}})
      << "\n";
}

}  // namespace hc::bench
