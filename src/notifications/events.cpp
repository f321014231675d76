#include "notifications/events.hpp"

#include "core/random.hpp"

#include <boost/json.hpp>

namespace hc::notifications {

OutboxEvent coupon_created(const coupons::Coupon& coupon) {
  const boost::json::object payload{{"coupon_id", coupon.id},
                                    {"hotel_id", coupon.hotel.id},
                                    {"hotel_name", coupon.hotel.name},
                                    {"title", coupon.title},
                                    {"discount_percent", coupon.discount_percent}};
  return {new_id(), "coupon.created", boost::json::serialize(payload)};
}

OutboxEvent coupon_used(const redemptions::Redemption& redemption) {
  const boost::json::object payload{{"redemption_id", redemption.id},
                                    {"user_id", redemption.user_id},
                                    {"coupon_id", redemption.coupon.id},
                                    {"hotel_name", redemption.coupon.hotel.name},
                                    {"title", redemption.coupon.title}};
  return {new_id(), "coupon.used", boost::json::serialize(payload)};
}

OutboxEvent report_ready(const std::string& owner_id, const std::string& report_id, const std::string& from,
                         const std::string& to, const std::string& format) {
  const boost::json::object payload{
      {"user_id", owner_id}, {"report_id", report_id}, {"from", from}, {"to", to}, {"format", format}};
  return {new_id(), "report.ready", boost::json::serialize(payload)};
}

}  // namespace hc::notifications
