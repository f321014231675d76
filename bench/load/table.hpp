#pragma once
// What a scenario measured, as one row of the table `make bench` prints and of bench/results/<scenario>.json.
#include "latency.hpp"
#include "process_usage.hpp"

#include <boost/json/object.hpp>

#include <filesystem>
#include <string>
#include <vector>

namespace hc::bench {

struct Row {
  std::string scenario;
  std::string profile;
  std::string subject;  // what was measured, e.g. "GET /healthz"
  double rate = 0;      // per second
  std::string unit;     // "req/s", "grants/s", "events/s", ...
  Percentiles latency;
  double server_cpu_seconds = 0;  // during the measurement
  double server_peak_mib = 0;
  std::string target;           // the target and whether it was met
  boost::json::object details;  // counts and figures particular to the scenario
};

//! "met" or "missed" after the target's wording.
std::string verdict(const std::string& target, bool met);

//! Prints the rows as one table.
void print_table(const std::vector<Row>& rows);

//! Writes bench/results/<scenario>.json: the machine, the command, and the rows.
void write_results(const std::filesystem::path& folder, const std::string& scenario, const std::vector<Row>& rows);

}  // namespace hc::bench
