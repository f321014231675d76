#include "stage.hpp"

#include <cstdio>

namespace hc::bench {

Stage::Stage(const Options& options, Profile profile)
    : options_(options), backends_(profile), database_(backends_.open_database(dir_.path())), tokens_(dir_.path()) {}

BenchServer& Stage::start(const std::vector<std::string>& extra_flags) {
  backends_.settle(*database_);
  database_.reset();
  std::vector<std::string> flags = backends_.server_flags(dir_.path());
  flags.insert(flags.end(), extra_flags.begin(), extra_flags.end());
  server_ = std::make_unique<BenchServer>(options_.server_binary, dir_.path(), flags);
  return *server_;
}

Measured Stage::measure(LoadPlan plan, const NextRequest& next,
                        const std::function<void(unsigned, const std::string&)>& observe) {
  plan.port = server_->port();
  return measure_load(
      std::move(plan), next, [this] { return server_->usage(); }, observe);
}

Row Stage::row(const std::string& scenario, const std::string& subject, double rate, const std::string& unit,
               Measured& measured) const {
  Row row;
  row.scenario = scenario;
  row.profile = std::string(name_of(profile()));
  row.subject = subject;
  row.rate = rate;
  row.unit = unit;
  row.latency = measured.load.latencies.percentiles();
  row.server_cpu_seconds = measured.server_cpu_seconds;
  row.server_peak_mib = measured.server_peak_mib;
  boost::json::object statuses;
  for (const auto& [status, count] : measured.load.statuses) statuses[std::to_string(status)] = count;
  row.details = {{"requests", measured.load.requests},
                 {"seconds", measured.load.seconds},
                 {"statuses", statuses},
                 {"connection_failures", measured.load.failures}};
  if (!measured.load.first_failure.empty()) row.details["first_failure"] = measured.load.first_failure;
  return row;
}

Measured measure_load(LoadPlan plan, const NextRequest& next, const std::function<ProcessUsage()>& usage,
                      const std::function<void(unsigned, const std::string&)>& observe) {
  double cpu_at_start = 0;
  double cpu_at_end = 0;
  // The scenario's own callbacks still run, after the server's CPU time is read.
  plan.measuring_started = [&, then = plan.measuring_started] {
    cpu_at_start = usage().cpu_seconds;
    if (then) then();
  };
  plan.measuring_ended = [&, then = plan.measuring_ended] {
    cpu_at_end = usage().cpu_seconds;
    if (then) then();
  };
  Measured measured{run_http_load(plan, next, observe), 0, 0};
  measured.server_cpu_seconds = cpu_at_end - cpu_at_start;
  measured.server_peak_mib = usage().peak_rss_mib;
  return measured;
}

void expect_only(const LoadResult& load, unsigned status, const std::string& what) {
  if (load.failures == 0 && load.with_status(status) == load.requests && load.requests > 0) return;
  std::string counts;
  for (const auto& [answered, count] : load.statuses) {
    counts += " " + std::to_string(count) + " x " + std::to_string(answered) + ";";
  }
  throw std::runtime_error(what + ": expected only " + std::to_string(status) + ", got" + counts + " " +
                           std::to_string(load.failures) + " connection failures " + load.first_failure);
}

void progress(const std::string& line) {
  std::fprintf(stderr, "  %s\n", line.c_str());
  std::fflush(stderr);
}

}  // namespace hc::bench
