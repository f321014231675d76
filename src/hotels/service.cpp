#include "hotels/service.hpp"

#include "media/upload.hpp"

namespace hc::hotels {

Result<HotelProfile, Error> HotelService::get(std::string_view hotel_id) {
  auto profile = hotels_.find_profile(hotel_id, to_seconds(now_()));
  if (!profile) return Failure{make_error(Errc::not_found)};
  return std::move(*profile);
}

Result<HotelProfile, Error> HotelService::update_mine(const Principal& hotelier, const HotelFields& fields) {
  auto hotel = hotels_.find_by_owner(hotelier.user_id);
  if (!hotel) return Failure{make_error(Errc::forbidden)};
  if (auto issues = apply_fields(*hotel, fields, "", false); !issues.empty()) {
    return Failure{validation_error(std::move(issues))};
  }
  hotels_.update(*hotel);
  if (profile_changed_) profile_changed_();
  return get(hotel->id);
}

Result<HotelProfile, Error> HotelService::set_logo(const Principal& hotelier, std::string_view bytes) {
  const auto hotel = hotels_.find_by_owner(hotelier.user_id);
  if (!hotel) return Failure{make_error(Errc::forbidden)};
  auto key = media::store_image(objects_, "logos", bytes);
  if (!key) return Failure{key.error()};
  const std::string previous = hotels_.set_logo(hotel->id, *key);
  media::remove_replaced(objects_, previous);
  return get(hotel->id);
}

}  // namespace hc::hotels
