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
