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

//! Reads a create or edit body; fields the server owns (id, hotel_id, remaining...) are refused as unknown.
Result<CouponDraft, Error> read_draft(const boost::json::object& body, bool creating);

}  // namespace hc::coupons
