#include "hotels/json.hpp"

#include "media/upload.hpp"

#include <boost/json.hpp>

namespace hc::hotels {

boost::json::object hotel_json(const Hotel& hotel) {
  return {{"id", hotel.id},
          {"name", hotel.name},
          {"city", hotel.city},
          {"country", hotel.country},
          {"timezone", hotel.timezone},
          {"description", hotel.description},
          {"logo_url", hotel.logo_key.empty() ? boost::json::value(nullptr)
                                              : boost::json::value(media::media_url(hotel.logo_key))}};
}

boost::json::object profile_json(const HotelProfile& profile) {
  boost::json::object json = hotel_json(profile.hotel);
  json["active_coupons"] = profile.active_coupons;
  json["followers"] = profile.followers;
  return json;
}

}  // namespace hc::hotels
