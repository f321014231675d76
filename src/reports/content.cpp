#include "reports/content.hpp"

namespace hc::reports {

std::optional<double> claim_rate(const interactions::Counts& counts) {
  if (counts.views == 0) return std::nullopt;
  return static_cast<double>(counts.claims) / static_cast<double>(counts.views);
}

std::optional<double> use_rate(const interactions::Counts& counts) {
  if (counts.claims == 0) return std::nullopt;
  return static_cast<double>(counts.uses) / static_cast<double>(counts.claims);
}

}  // namespace hc::reports
