#pragma once
// What the hotels module needs from storage; calls block and are made from the worker pool.
#include "hotels/model.hpp"

#include <optional>
#include <string>
#include <string_view>

namespace hc::hotels {

class HotelRepository {
 public:
  virtual ~HotelRepository() = default;
  //! A hotel with its number of active, unexpired coupons and of followers.
  virtual std::optional<HotelProfile> find_profile(std::string_view hotel_id, SysSeconds now) = 0;
  //! The hotel a hotelier owns.
  virtual std::optional<Hotel> find_by_owner(std::string_view owner_user_id) = 0;
  //! Saves the profile fields (name, city, country, timezone, description).
  virtual void update(const Hotel& hotel) = 0;
  //! Replaces the logo key; returns the previous one.
  virtual std::string set_logo(std::string_view hotel_id, std::string_view logo_key) = 0;
};

}  // namespace hc::hotels
