#pragma once
// A hotel: owned by one hotelier, with the time zone its coupons' dates are read in.
#include "core/time.hpp"

#include <cstdint>
#include <string>

namespace hc::hotels {

struct Hotel {
  std::string id;
  std::string owner_id;
  std::string name;
  std::string city;
  std::string country;
  std::string timezone;  // IANA name, e.g. "Europe/Dublin"
  std::string description;
  std::string logo_key;  // object-store key; empty when there is no logo
  SysSeconds created_at{};
};

//! A hotel as travellers see it, with its figures.
struct HotelProfile {
  Hotel hotel;
  std::int64_t active_coupons = 0;
  std::int64_t followers = 0;
};

}  // namespace hc::hotels
