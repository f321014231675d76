#pragma once
// The seeded randomness that varies each coupon's composition.
#include <cstdint>
#include <random>

namespace hc::render::detail {

//! A seeded source of the numbers that vary a composition.
// The std distributions differ between standard libraries while mt19937's raw output is specified, so mapping
// it by hand keeps every image byte-identical wherever the server is built.
class Rng {
 public:
  //! Starts the sequence that `seed` always gives.
  explicit Rng(std::uint32_t seed) : engine_{seed} {}
  //! A number in [lo, hi).
  double real(double lo, double hi) { return lo + (hi - lo) * static_cast<double>(engine_()) / 4294967296.0; }
  //! A whole number in [lo, hi].
  int integer(int lo, int hi) { return lo + static_cast<int>(engine_() % static_cast<std::uint32_t>(hi - lo + 1)); }
  //! True with probability `p`.
  bool chance(double p) { return real(0, 1) < p; }

 private:
  std::mt19937 engine_;
};

}  // namespace hc::render::detail
