#pragma once
// One run of a scenario on one profile: a fresh data folder, the profile's backends, the data set written before
// the server starts, then the server, and the load measured against it with the server's CPU time and memory.
#include "backends.hpp"
#include "bench_server.hpp"
#include "http_load.hpp"
#include "table.hpp"
#include "temp_dir.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <vector>

namespace hc::bench {

//! What every scenario is given.
struct Options {
  std::filesystem::path server_binary;
  std::vector<Profile> profiles{Profile::embedded, Profile::scaled};
  //! A small and short form of each scenario, to check the tool works (not to read figures from).
  bool quick = false;
  //! Where results go (bench/results), and files a person may want to open, such as a sample report.
  std::filesystem::path results = "bench/results";
};

//! What a load did and what the server used while it was measured.
struct Measured {
  LoadResult load;
  double server_cpu_seconds = 0;
  double server_peak_mib = 0;
};

class Stage {
 public:
  Stage(const Options& options, Profile profile);

  [[nodiscard]] Profile profile() const { return backends_.profile(); }
  [[nodiscard]] const Options& options() const { return options_; }
  //! The database to generate the data set in; only before start().
  [[nodiscard]] storage::Database& database() { return *database_; }
  //! Runs SQL on that database, for rows no repository writes in bulk; only before start().
  void execute(const std::string& sql) { backends_.execute(*database_, sql); }
  [[nodiscard]] const TokenMint& tokens() const { return tokens_; }
  //! Closes the generation's connections and starts the server with extra flags.
  BenchServer& start(const std::vector<std::string>& extra_flags = {});
  [[nodiscard]] BenchServer& server() { return *server_; }

  //! Runs the load against the server, taking the server's CPU time over the measured part only.
  Measured measure(LoadPlan plan, const NextRequest& next,
                   const std::function<void(unsigned, const std::string&)>& observe = {});

  //! A row with the stage's scenario name, profile, and the measured rate, latency and server usage.
  [[nodiscard]] Row row(const std::string& scenario, const std::string& subject, double rate, const std::string& unit,
                        Measured& measured) const;

 private:
  Options options_;
  test::TempDir dir_;
  Backends backends_;
  std::unique_ptr<storage::Database> database_;
  TokenMint tokens_;
  std::unique_ptr<BenchServer> server_;
};

//! Runs the load against plan.port, taking the CPU time of whatever `usage` reads (the server, or nginx) over the
//! measured part only, and its peak memory after.
Measured measure_load(LoadPlan plan, const NextRequest& next, const std::function<ProcessUsage()>& usage,
                      const std::function<void(unsigned, const std::string&)>& observe = {});

//! Throws, with the counts, unless every measured answer had this status and no connection failed: figures of a
//! load the server refused are not figures.
void expect_only(const LoadResult& load, unsigned status, const std::string& what);

//! Prints a line of progress on stderr (the table goes to stdout).
void progress(const std::string& line);

}  // namespace hc::bench
