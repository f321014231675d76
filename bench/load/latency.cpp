#include "latency.hpp"

#include <algorithm>
#include <cmath>

namespace hc::bench {

void Latencies::merge(Latencies&& other) {
  samples_.insert(samples_.end(), other.samples_.begin(), other.samples_.end());
  other.samples_.clear();
}

Percentiles Latencies::percentiles() {
  if (samples_.empty()) return {};
  std::sort(samples_.begin(), samples_.end());
  const auto rank = [this](double fraction) {
    const auto index = static_cast<std::size_t>(std::ceil(fraction * static_cast<double>(samples_.size())));
    return static_cast<double>(samples_[std::clamp<std::size_t>(index, 1, samples_.size()) - 1]) / 1000.0;
  };
  return {rank(0.50), rank(0.99), static_cast<double>(samples_.back()) / 1000.0};
}

}  // namespace hc::bench
