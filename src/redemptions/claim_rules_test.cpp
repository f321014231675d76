#include "redemptions/claim_rules.hpp"

#include <gtest/gtest.h>

namespace hc::redemptions {
namespace {

using namespace std::chrono_literals;

const SysSeconds kFrom{std::chrono::sys_days{std::chrono::year{2026} / 6 / 1}};
const SysSeconds kUntil = kFrom + std::chrono::days{30} - 1s;

TEST(ClaimRules, AnActiveCouponWithinItsDatesAndUnitsCanBeClaimed) {
  EXPECT_EQ(claim_refusal({"active", kFrom, kUntil, false}, kFrom), std::nullopt);
  EXPECT_EQ(claim_refusal({"active", kFrom, kUntil, false}, kUntil), std::nullopt) << "its last second counts";
}

TEST(ClaimRules, TravellersAreToldTheFirstReasonInOrder) {
  EXPECT_EQ(claim_refusal({"draft", kFrom, kUntil, true}, kFrom), Errc::not_found) << "a draft is not shown";
  EXPECT_EQ(claim_refusal({"archived", kFrom, kUntil, true}, kFrom), Errc::not_found);
  EXPECT_EQ(claim_refusal({"paused", kFrom, kUntil, true}, kUntil + 1s), Errc::not_active);
  EXPECT_EQ(claim_refusal({"active", kFrom, kUntil, true}, kUntil + 1s), Errc::expired);
  EXPECT_EQ(claim_refusal({"active", kFrom, kUntil, true}, kFrom - 1s), Errc::not_started);
  EXPECT_EQ(claim_refusal({"active", kFrom, kUntil, true, true}, kFrom), Errc::sold_out);
  EXPECT_EQ(claim_refusal({"active", kFrom, kUntil, false, true}, kFrom), Errc::already_redeemed);
}

}  // namespace
}  // namespace hc::redemptions

namespace hc::redemptions {
namespace {

ClaimRequest claim_of(std::string coupon, std::string user, SysSeconds now) {
  return ClaimRequest{"r-" + user, std::move(coupon), std::move(user), "CODE", now};
}

TEST(ClaimRules, ABatchAsksTheDatabaseOnceForACouponThatIsSoldOutForEveryone) {
  const SysSeconds now{std::chrono::seconds(1'800'000'000)};
  std::vector<std::string> asked;
  const auto claimed = claim_in_order(
      {claim_of("a", "u1", now), claim_of("a", "u2", now), claim_of("b", "u3", now), claim_of("b", "u4", now),
       claim_of("a", "u5", now + std::chrono::seconds(1))},
      [&](const ClaimRequest& request) -> Result<Redemption, Errc> {
        asked.push_back(request.user_id);
        if (request.coupon_id == "a") return Failure{Errc::sold_out};
        return Failure{Errc::already_redeemed};
      });
  ASSERT_EQ(claimed.size(), 5u);
  for (const std::size_t i : {0u, 1u, 4u}) EXPECT_EQ(claimed[i].error(), Errc::sold_out) << i;
  EXPECT_EQ(claimed[3].error(), Errc::already_redeemed);
  EXPECT_EQ(asked, (std::vector<std::string>{"u1", "u3", "u4", "u5"}))
      << "u2 is told sold_out without a query; a traveller's own limit and another instant are asked again";
}

}  // namespace
}  // namespace hc::redemptions
