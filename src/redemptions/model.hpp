#pragma once
// A traveller's claimed coupon: the code they show at the desk, and what happened to it.
#include "core/time.hpp"
#include "coupons/model.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace hc::redemptions {

enum class RedemptionStatus { redeemed, used, cancelled };

std::string_view to_string(RedemptionStatus status);
std::optional<RedemptionStatus> parse_status(std::string_view text);

struct Redemption {
  std::string id;
  std::string code;  // canonical "XXXX-XXXX-XXXX"; never logged in full
  RedemptionStatus status = RedemptionStatus::redeemed;
  std::string user_id;
  std::string guest_name;
  coupons::Coupon coupon;
  SysSeconds redeemed_at{};
  std::optional<SysSeconds> used_at;
  std::optional<std::string> used_by;       // the hotelier who marked it used
  std::optional<std::string> used_by_name;  // and their name, for the desk
  std::optional<SysSeconds> cancelled_at;
};

//! One line of a hotel's front-desk audit log.
struct DeskEvent {
  std::string id;
  std::string redemption_id;
  std::string redemption_status;  // as it is now: "used" once more, or "redeemed" after an undo
  std::string coupon_id;
  std::string coupon_title;
  std::string guest_name;  // whose code it was (never the code itself)
  std::string action;      // "use" or "undo"
  std::string actor_id;
  std::string actor_name;
  std::string client_address;
  std::string reason;
  SysSeconds at{};
};

}  // namespace hc::redemptions
