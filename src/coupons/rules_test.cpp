#include "coupons/rules.hpp"

#include <gtest/gtest.h>

namespace hc::coupons {
namespace {

SysSeconds at(std::string_view text) { return *parse_rfc3339(text); }

Coupon coupon_in(std::string timezone) {
  Coupon coupon;
  coupon.hotel = {"h1", "Hotel", "City", std::move(timezone)};
  return coupon;
}

std::vector<std::string> fields(const std::vector<FieldIssue>& issues) {
  std::vector<std::string> names;
  for (const auto& issue : issues) names.push_back(issue.field);
  return names;
}

CouponDraft minimal() {
  CouponDraft draft;
  draft.title = "Winter escape";
  draft.discount_percent = 20;
  draft.validity.valid_until = "2026-12-31";
  return draft;
}

TEST(CouponRules, DatesAreReadInTheHotelsTimeZone) {
  const SysSeconds now = at("2026-11-22T10:00:00Z");
  Coupon dublin = coupon_in("Europe/Dublin");
  ASSERT_TRUE(apply_draft(dublin, minimal(), true, now).empty());
  EXPECT_EQ(to_rfc3339(dublin.valid_until), "2026-12-31T23:59:59Z");
  EXPECT_EQ(dublin.valid_from, now) << "valid_from defaults to now";
  Coupon tokyo = coupon_in("Asia/Tokyo");
  ASSERT_TRUE(apply_draft(tokyo, minimal(), true, now).empty());
  EXPECT_EQ(to_rfc3339(tokyo.valid_until), "2026-12-31T14:59:59Z");
  EXPECT_EQ(to_iso_date(tokyo.valid_until_date), "2026-12-31");
}

TEST(CouponRules, ExpiresAfterTheLastSecondOfTheLocalDay) {
  Coupon coupon = coupon_in("America/New_York");
  ASSERT_TRUE(apply_draft(coupon, minimal(), true, at("2026-11-22T10:00:00Z")).empty());
  coupon.status = CouponStatus::active;
  EXPECT_EQ(visible_status(coupon, at("2027-01-01T04:59:59Z")), "active");
  EXPECT_EQ(visible_status(coupon, at("2027-01-01T05:00:00Z")), "expired");
  coupon.status = CouponStatus::draft;
  EXPECT_EQ(visible_status(coupon, at("2027-01-01T05:00:00Z")), "draft");
}

TEST(CouponRules, EveryBadFieldIsNamed) {
  CouponDraft draft;
  draft.title = "ab";
  draft.discount_percent = 101;
  draft.quantity = 0;
  draft.per_user_limit = 0;
  draft.validity = {"2027-01-02", "2027-01-01"};
  draft.stay_from = "2027-02-10";
  draft.stay_until = "2027-02-01";
  draft.status = "expired";
  Coupon coupon = coupon_in("UTC");
  EXPECT_EQ(fields(apply_draft(coupon, draft, true, at("2026-11-22T10:00:00Z"))),
            (std::vector<std::string>{"title", "discount_percent", "quantity", "per_user_limit", "valid_until",
                                      "stay_until", "status"}));
}

TEST(CouponRules, ACreateNeedsTitleDiscountAndEnd) {
  Coupon coupon = coupon_in("UTC");
  EXPECT_EQ(fields(apply_draft(coupon, CouponDraft{}, true, at("2026-11-22T10:00:00Z"))),
            (std::vector<std::string>{"title", "discount_percent", "valid_until"}));
}

TEST(CouponRules, TitlesAreOneLineDescriptionsMayBreakLines) {
  CouponDraft draft = minimal();
  draft.title = "Line one\nline two";
  draft.description = "Line one\nline two\ttabbed";
  Coupon coupon = coupon_in("UTC");
  EXPECT_EQ(fields(apply_draft(coupon, draft, true, at("2026-11-22T10:00:00Z"))), (std::vector<std::string>{"title"}));
  draft.title = "Fine";
  draft.description = std::string("bell\a");
  EXPECT_EQ(fields(apply_draft(coupon, draft, true, at("2026-11-22T10:00:00Z"))),
            (std::vector<std::string>{"description"}));
}

TEST(CouponRules, Transitions) {
  const SysSeconds now = at("2026-11-22T10:00:00Z");
  Coupon coupon = coupon_in("UTC");
  ASSERT_TRUE(apply_draft(coupon, minimal(), true, now).empty());
  const auto code_of = [&](CouponStatus from, CouponStatus to) -> std::string {
    coupon.status = from;
    auto result = check_transition(coupon, to, now);
    return result ? "ok" : std::string(info(result.error().code).code);
  };
  using S = CouponStatus;
  EXPECT_EQ(code_of(S::draft, S::active), "ok");
  EXPECT_EQ(code_of(S::active, S::paused), "ok");
  EXPECT_EQ(code_of(S::paused, S::active), "ok");
  EXPECT_EQ(code_of(S::draft, S::archived), "ok");
  EXPECT_EQ(code_of(S::paused, S::archived), "ok");
  EXPECT_EQ(code_of(S::active, S::active), "ok");
  EXPECT_EQ(code_of(S::active, S::draft), "invalid_transition");
  EXPECT_EQ(code_of(S::draft, S::paused), "invalid_transition");
  EXPECT_EQ(code_of(S::archived, S::active), "archived");
  coupon.valid_until = now - std::chrono::seconds(1);
  EXPECT_EQ(code_of(S::draft, S::active), "expired");
  EXPECT_EQ(code_of(S::paused, S::active), "expired");
  EXPECT_EQ(code_of(S::active, S::archived), "ok");
}

TEST(CouponRules, RemainingIsQuantityLessClaims) {
  Coupon coupon = coupon_in("UTC");
  EXPECT_EQ(remaining(coupon), std::nullopt);
  coupon.quantity = 10;
  coupon.redeemed_count = 4;
  EXPECT_EQ(remaining(coupon), 6);
}

TEST(CouponRules, OnlyTheLongTextsMayHoldLineBreaks) {
  const auto issues_of = [](CouponDraft draft) {
    Coupon coupon = coupon_in("UTC");
    return apply_draft(coupon, draft, false, at("2026-11-22T10:00:00Z"));
  };
  CouponDraft lines;
  lines.title = "Winter\nescape";
  lines.description = "Breakfast\r\n\tincluded";
  const auto title_only = issues_of(lines);
  ASSERT_EQ(title_only.size(), 1u);
  EXPECT_EQ(title_only[0].field, "title");
  EXPECT_EQ(title_only[0].message, "must not contain control characters");
  CouponDraft bell;
  bell.terms = "Ring\a";
  const auto terms = issues_of(bell);
  ASSERT_EQ(terms.size(), 1u);
  EXPECT_EQ(terms[0].message, "may contain line breaks but no other control characters");
  bell.terms = "\xFF";
  const auto not_utf8 = issues_of(bell);
  ASSERT_EQ(not_utf8.size(), 1u);
  EXPECT_EQ(not_utf8[0].message, "must be valid UTF-8");
}

}  // namespace
}  // namespace hc::coupons
