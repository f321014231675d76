#pragma once
// Coupons as the API shows them, and the hotelier's coupon fields as the API accepts them.
#include "core/error.hpp"
#include "core/result.hpp"
#include "coupons/repository.hpp"
#include "coupons/rules.hpp"

#include <boost/json/fwd.hpp>

namespace hc::coupons {

//! The API's `coupon` object.
boost::json::object coupon_json(const Coupon& coupon, SysSeconds now);

//! A coupon with its figures, as the hotelier's list shows it.
boost::json::object coupon_json(const CouponWithStats& entry, SysSeconds now);

//! Reads a create or edit body; fields the server owns (id, hotel_id, remaining...) are unknown fields, listed
//! in the draft's read_issues with any wrong types, for the service to report with the other bad fields.
CouponDraft read_draft(const boost::json::object& body, bool creating);
//! The body of a coupon's create (POST) or edit (PATCH) as read, or why it is not one JSON object.
Result<CouponDraft, Error> read_draft(std::string_view body, bool creating);

}  // namespace hc::coupons
