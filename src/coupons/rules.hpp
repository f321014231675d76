#pragma once
// The rules of a coupon that need no storage: field bounds, validity windows in the hotel's time zone,
// the status a client sees, and which status changes are allowed.
#include "core/error.hpp"
#include "core/result.hpp"
#include "coupons/model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hc::coupons {

inline constexpr std::int64_t kMaxQuantity = 1'000'000;
inline constexpr int kMaxPerUserLimit = 100;
inline constexpr std::size_t kMaxTextLength = 4000;

//! A validity bound as the client sent it: a hotel-local date ("2026-12-31") or an RFC 3339 instant.
struct ValidityInput {
  std::optional<std::string> valid_from;
  std::optional<std::string> valid_until;
};

//! The fields a hotelier sets; on an edit, absent fields keep their value (`clear_*` empties a nullable one).
struct CouponDraft {
  std::optional<std::string> title;
  std::optional<std::string> description;
  std::optional<std::string> terms;
  std::optional<std::int64_t> discount_percent;
  std::optional<std::int64_t> quantity;
  bool clear_quantity = false;  // quantity: null → unlimited
  std::optional<std::int64_t> per_user_limit;
  ValidityInput validity;
  std::optional<std::string> stay_from;
  std::optional<std::string> stay_until;
  bool clear_stay = false;
  std::optional<std::string> status;
  std::vector<FieldIssue> read_issues;  // problems found while reading the request (unknown fields, wrong types)
};

//! Applies a draft to a coupon (a new one, or a copy of the stored one) and checks every field, listing each
//! bad one. `creating` requires the fields a new coupon must have.
std::vector<FieldIssue> apply_draft(Coupon& coupon, const CouponDraft& draft, bool creating, SysSeconds now);

//! The status a client sees: "expired" once an active or paused coupon is past valid_until.
std::string_view visible_status(const Coupon& coupon, SysSeconds now);

//! Checks a status change (same status is fine); the error is a 409 with a code that says why.
Result<Ok, Error> check_transition(const Coupon& coupon, CouponStatus to, SysSeconds now);

//! What is left to claim; nullopt when unlimited.
std::optional<std::int64_t> remaining(const Coupon& coupon);

}  // namespace hc::coupons
