#include "coupons/json.hpp"

#include "media/upload.hpp"
#include "net/json_body.hpp"

#include <boost/json.hpp>

namespace hc::coupons {
namespace {

boost::json::value optional_number(const std::optional<std::int64_t>& value) {
  return value ? boost::json::value(*value) : boost::json::value(nullptr);
}

boost::json::value optional_date(const std::optional<LocalDate>& day) {
  return day ? boost::json::value(to_iso_date(*day)) : boost::json::value(nullptr);
}

}  // namespace

boost::json::object coupon_json(const Coupon& c, SysSeconds now) {
  return {{"id", c.id},
          {"hotel", {{"id", c.hotel.id}, {"name", c.hotel.name}, {"city", c.hotel.city}, {"timezone", c.hotel.timezone}}},
          {"title", c.title},
          {"description", c.description},
          {"terms", c.terms},
          {"discount_percent", c.discount_percent},
          {"image_url", c.image_key.empty() ? boost::json::value(nullptr) : boost::json::value(media::media_url(c.image_key))},
          {"quantity", optional_number(c.quantity)},
          {"remaining", optional_number(remaining(c))},
          {"per_user_limit", c.per_user_limit},
          {"valid_from", to_rfc3339(c.valid_from)},
          {"valid_until", to_rfc3339(c.valid_until)},
          {"stay_from", optional_date(c.stay_from)},
          {"stay_until", optional_date(c.stay_until)},
          {"status", visible_status(c, now)},
          {"created_at", to_rfc3339(c.created_at)},
          {"updated_at", to_rfc3339(c.updated_at)}};
}

boost::json::object coupon_json(const CouponWithStats& entry, SysSeconds now) {
  boost::json::object json = coupon_json(entry.coupon, now);
  json["stats"] = {{"views", entry.stats.views}, {"redemptions", entry.stats.redemptions}, {"uses", entry.stats.uses}};
  return json;
}

Result<CouponDraft, Error> read_draft(std::string_view body, bool creating) {
  auto object = net::parse_json_object(body);
  if (!object) return Failure{object.error()};
  return read_draft(*object, creating);
}

CouponDraft read_draft(const boost::json::object& body, bool creating) {
  net::FieldReader fields(body);
  CouponDraft draft;
  draft.title = fields.optional_string("title");
  draft.description = fields.optional_string("description");
  draft.terms = fields.optional_string("terms");
  draft.discount_percent = fields.optional_int("discount_percent");
  draft.clear_quantity = fields.is_null("quantity");
  draft.quantity = fields.optional_int("quantity");
  draft.per_user_limit = fields.optional_int("per_user_limit");
  draft.validity.valid_from = fields.optional_string("valid_from");
  draft.validity.valid_until = fields.optional_string("valid_until");
  const bool from_null = fields.is_null("stay_from");
  const bool until_null = fields.is_null("stay_until");
  draft.clear_stay = from_null && until_null;
  draft.stay_from = fields.optional_string("stay_from");
  draft.stay_until = fields.optional_string("stay_until");
  draft.status = fields.optional_string("status");
  auto issues = fields.finish();
  if (from_null != until_null) {
    issues.push_back({from_null ? "stay_from" : "stay_until",
                      "set both stay_from and stay_until to null to remove the stay window"});
  }
  if (!creating && body.empty()) issues.push_back({"body", "must change at least one field"});
  draft.read_issues = std::move(issues);
  return draft;
}

}  // namespace hc::coupons
