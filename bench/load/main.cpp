// The load tool of `make bench`: for each scenario, a fresh data set and a fresh server on each profile, the load,
// and one table of what it measured (also written to bench/results/<scenario>.json).
//
// Usage: load_bench [scenario|all] [--profile embedded|postgresql|all] [--quick] [--results <folder>]
//                   [--skip <scenario>]...
#include "scenarios.hpp"

#include "core/log.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <iostream>

extern char** environ;

namespace hc::bench {

const std::vector<Scenario>& scenarios() {
  static const std::vector<Scenario> all{
      {"http-baseline", "GET /healthz, 64 connections, against nginx's return 200", run_http_baseline},
      {"search", "100,000 coupons over 500 hotels, mixed queries, 64 connections", run_search},
      {"claim", "10,000 travellers claim a coupon of 1,000 units at once", run_claim},
      {"fanout", "10,000 followers on WebSocket; a coupon published reaches each", run_fanout},
      {"ingest", "1,000 sockets send interaction frames flat out, search measured meanwhile", run_ingest},
      {"report", "1,000 coupons x 365 days of counters to a finished PDF (and CSV), asked over HTTP", run_report},
  };
  return all;
}

namespace {

struct Command {
  std::string scenario = "all";
  Options options;
  std::vector<std::string> skip;
};

[[noreturn]] void usage(const std::string& problem, int exit_code = 2) {
  std::cerr << (problem.empty() ? "" : "load_bench: " + problem + "\n")
            << "usage: load_bench [scenario|all] [--profile embedded|postgresql|all]"
            << " [--quick] [--results <folder>] [--skip <scenario>]...\nscenarios:\n";
  for (const Scenario& s : scenarios()) std::cerr << "  " << s.name << "  " << s.what << "\n";
  std::exit(exit_code);
}

Command parse(int argc, char** argv) {
  Command command;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if (arg == "--help") {
      usage("", 0);
    } else if (arg == "--quick") {
      command.options.quick = true;
    } else if (arg == "--profile" && i + 1 < argc) {
      const std::string profile = argv[++i];
      if (profile == "embedded")
        command.options.profiles = {Profile::embedded};
      else if (profile == "postgresql")
        command.options.profiles = {Profile::scaled};
      else if (profile != "all")
        usage("unknown profile '" + profile + "'");
    } else if (arg == "--results" && i + 1 < argc) {
      command.options.results = argv[++i];
    } else if (arg == "--skip" && i + 1 < argc) {
      command.skip.emplace_back(argv[++i]);
    } else if (arg.rfind("--", 0) == 0) {
      usage("unknown option '" + arg + "'");
    } else {
      command.scenario = arg;
    }
  }
  return command;
}

// The server is configured by the flags the scenarios give it, never by HC_* variables of the caller's shell (it
// refuses unknown ones); and 10,000 sockets need more descriptors than the usual soft limit, here and in the
// server, which inherits it.
void prepare_process() {
  std::vector<std::string> names;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    if (std::strncmp(*entry, "HC_", 3) == 0) names.emplace_back(*entry, std::strchr(*entry, '=') - *entry);
  }
  for (const std::string& name : names) ::unsetenv(name.c_str());
  rlimit files{};
  if (::getrlimit(RLIMIT_NOFILE, &files) == 0 && files.rlim_cur < files.rlim_max) {
    files.rlim_cur = files.rlim_max;
    ::setrlimit(RLIMIT_NOFILE, &files);
  }
}

}  // namespace
}  // namespace hc::bench

int main(int argc, char** argv) {
  using namespace hc::bench;
  Command command = parse(argc, argv);
  command.options.server_binary = server_binary();
  prepare_process();
  std::vector<Row> all_rows;
  bool found = false;
  for (const Scenario& scenario : scenarios()) {
    if (command.scenario != "all" && command.scenario != scenario.name) continue;
    if (std::ranges::find(command.skip, scenario.name) != command.skip.end()) continue;
    found = true;
    std::fprintf(stderr, "%.*s: %.*s\n", static_cast<int>(scenario.name.size()), scenario.name.data(),
                 static_cast<int>(scenario.what.size()), scenario.what.data());
    try {
      const std::vector<Row> rows = scenario.run(command.options);
      write_results(command.options.results, std::string(scenario.name), rows);
      all_rows.insert(all_rows.end(), rows.begin(), rows.end());
    } catch (const std::exception& e) {
      std::fprintf(stderr, "load_bench: %.*s failed: %s\n", static_cast<int>(scenario.name.size()),
                   scenario.name.data(), e.what());
      print_table(all_rows);
      return 1;
    }
  }
  if (!found) usage("unknown scenario '" + command.scenario + "'");
  print_table(all_rows);
  return 0;
}
