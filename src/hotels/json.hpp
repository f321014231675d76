#pragma once
#include "hotels/model.hpp"

#include <boost/json/fwd.hpp>

namespace hc::hotels {

//! {id, name, city, country, timezone, description, logo_url}.
boost::json::object hotel_json(const Hotel& hotel);

//! The hotel with active_coupons and followers.
boost::json::object profile_json(const HotelProfile& profile);

}  // namespace hc::hotels
