#include "process_usage.hpp"

#include <unistd.h>

#include <fstream>
#include <sstream>
#include <stdexcept>
#include <string>

namespace hc::bench {
namespace {

std::string read_proc(pid_t pid, const char* file) {
  std::ifstream in("/proc/" + std::to_string(pid) + "/" + file);
  if (!in) throw std::runtime_error("cannot read /proc/" + std::to_string(pid) + "/" + file);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// "VmHWM:     1234 kB" → 1234 / 1024.
double status_mib(const std::string& status, const std::string& field) {
  const auto at = status.find(field + ":");
  if (at == std::string::npos) return 0;
  return std::stod(status.substr(at + field.size() + 1)) / 1024.0;
}

}  // namespace

ProcessUsage usage_of(pid_t pid) {
  // Fields 14 and 15 of stat are utime and stime in clock ticks; the name (field 2) may hold spaces, so count
  // from the ')' that closes it.
  const std::string stat = read_proc(pid, "stat");
  std::istringstream fields(stat.substr(stat.rfind(')') + 2));
  std::string skip;
  for (int field = 3; field < 14; ++field) fields >> skip;
  double user_ticks = 0;
  double system_ticks = 0;
  fields >> user_ticks >> system_ticks;
  const std::string status = read_proc(pid, "status");
  const auto ticks = static_cast<double>(::sysconf(_SC_CLK_TCK));
  return {(user_ticks + system_ticks) / ticks, status_mib(status, "VmRSS"), status_mib(status, "VmHWM")};
}

ProcessUsage usage_of_family(pid_t pid) {
  ProcessUsage total = usage_of(pid);
  std::istringstream children(read_proc(pid, ("task/" + std::to_string(pid) + "/children").c_str()));
  for (pid_t child = 0; children >> child;) {
    const ProcessUsage usage = usage_of(child);
    total.cpu_seconds += usage.cpu_seconds;
    total.rss_mib += usage.rss_mib;
    total.peak_rss_mib += usage.peak_rss_mib;
  }
  return total;
}

}  // namespace hc::bench
