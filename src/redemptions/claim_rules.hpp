#pragma once
// Whether a coupon can be claimed now, and if not, what the traveller is told: one rule for every storage engine.
#include "core/error.hpp"
#include "core/time.hpp"
#include "redemptions/repository.hpp"

#include <optional>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace hc::redemptions {

//! What of a coupon decides whether it can be claimed.
struct ClaimableCoupon {
  std::string_view status;  // as stored: draft, active, paused or archived
  SysSeconds valid_from{};
  SysSeconds valid_until{};  // the last second it can be claimed
  bool sold_out = false;
  bool at_user_limit = false;  // the traveller already holds as many live claims of it as it allows
};

//! Why the coupon cannot be claimed at `now`, in the order a traveller is told (a coupon they cannot see is
//! not_found; then not_active, expired, not_started, sold_out, already_redeemed), or nullopt when it can.
std::optional<Errc> claim_refusal(const ClaimableCoupon& coupon, SysSeconds now);

//! Whether a refusal is the coupon's, the same for every traveller at the same instant (not their own limit, nor a
//! colliding code).
constexpr bool is_coupon_wide(Errc refusal) {
  return refusal == Errc::not_found || refusal == Errc::not_active || refusal == Errc::expired ||
         refusal == Errc::not_started || refusal == Errc::sold_out;
}

//! Runs one transaction's claims in order through `claim_one`, remembering each coupon's coupon-wide refusal: nothing
//! else writes while the transaction lasts, so a later claim of that coupon at the same instant gets the same answer
//! without asking the database again. In a flash sale most of a batch is sold out.
template <class ClaimOne>
std::vector<Result<Redemption, Errc>> claim_in_order(const std::vector<ClaimRequest>& requests, ClaimOne&& claim_one) {
  struct Known {
    SysSeconds now;
    Errc refusal;
  };
  std::unordered_map<std::string_view, Known> known;
  std::vector<Result<Redemption, Errc>> claimed;
  claimed.reserve(requests.size());
  for (const ClaimRequest& request : requests) {
    const auto found = known.find(request.coupon_id);
    if (found != known.end() && found->second.now == request.now) {
      claimed.emplace_back(Failure{found->second.refusal});
      continue;
    }
    Result<Redemption, Errc> outcome = claim_one(request);
    if (!outcome && is_coupon_wide(outcome.error())) known[request.coupon_id] = {request.now, outcome.error()};
    claimed.push_back(std::move(outcome));
  }
  return claimed;
}

}  // namespace hc::redemptions
