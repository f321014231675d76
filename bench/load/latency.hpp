#pragma once
// Latencies the load tool measured, in microseconds, and the percentiles the tables print.
#include <cstdint>
#include <vector>

namespace hc::bench {

struct Percentiles {
  double p50_ms = 0;
  double p99_ms = 0;
  double max_ms = 0;
};

class Latencies {
 public:
  void add(std::uint32_t microseconds) { samples_.push_back(microseconds); }
  //! Takes another thread's samples.
  void merge(Latencies&& other);
  [[nodiscard]] std::size_t count() const { return samples_.size(); }
  //! Nearest-rank percentiles over every sample (all zero when there are none); sorts the samples.
  [[nodiscard]] Percentiles percentiles();

 private:
  std::vector<std::uint32_t> samples_;
};

}  // namespace hc::bench
