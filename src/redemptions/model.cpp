#include "redemptions/model.hpp"

namespace hc::redemptions {

std::string_view to_string(RedemptionStatus status) {
  switch (status) {
    case RedemptionStatus::redeemed: return "redeemed";
    case RedemptionStatus::used: return "used";
    case RedemptionStatus::cancelled: return "cancelled";
  }
  return "redeemed";
}

std::optional<RedemptionStatus> parse_status(std::string_view text) {
  for (auto status : {RedemptionStatus::redeemed, RedemptionStatus::used, RedemptionStatus::cancelled}) {
    if (to_string(status) == text) return status;
  }
  return std::nullopt;
}

}  // namespace hc::redemptions
