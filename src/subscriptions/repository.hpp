#pragma once
// Following hotels. A claim follows the hotel automatically (source "redeem") unless the traveller unfollowed it
// before; the unfollow is remembered for that reason.
#include "core/time.hpp"
#include "coupons/model.hpp"

#include <optional>
#include <string>
#include <vector>

namespace hc::subscriptions {

struct Subscription {
  coupons::HotelRef hotel;
  SysSeconds since{};
  std::string source;  // "manual" or "redeem"
};

class SubscriptionRepository {
 public:
  virtual ~SubscriptionRepository() = default;
  //! Follows a hotel by hand (keeping the original date if already following); nullopt if there is no such hotel.
  virtual std::optional<Subscription> follow(std::string_view user_id, std::string_view hotel_id, SysSeconds now) = 0;
  //! Unfollows, remembering it; false if there is no such hotel.
  virtual bool unfollow(std::string_view user_id, std::string_view hotel_id, SysSeconds now) = 0;
  //! The hotels a traveller follows, most recent first, after the keyset (since, hotel id) of the previous page.
  virtual std::vector<Subscription> following(std::string_view user_id, const std::optional<Subscription>& after,
                                              std::size_t limit) = 0;
};

}  // namespace hc::subscriptions
