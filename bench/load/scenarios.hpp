#pragma once
// The scenarios of `make bench`. Each runs on the profiles it applies to and returns its rows.
#include "stage.hpp"

#include <functional>
#include <string_view>
#include <vector>

namespace hc::bench {

struct Scenario {
  std::string_view name;
  std::string_view what;
  std::function<std::vector<Row>(const Options&)> run;
};

//! Every scenario, in the order `make bench` runs them.
const std::vector<Scenario>& scenarios();

std::vector<Row> run_http_baseline(const Options& options);
std::vector<Row> run_search(const Options& options);
std::vector<Row> run_claim(const Options& options);
std::vector<Row> run_fanout(const Options& options);
std::vector<Row> run_ingest(const Options& options);
std::vector<Row> run_report(const Options& options);

}  // namespace hc::bench
