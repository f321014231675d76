#pragma once
// Hotel profiles: what travellers see, what the owner edits, and the logo.
#include "core/error.hpp"
#include "core/principal.hpp"
#include "core/result.hpp"
#include "hotels/repository.hpp"
#include "hotels/rules.hpp"
#include "objects/object_store.hpp"

#include <functional>

namespace hc::hotels {

class HotelService {
 public:
  //! `profile_changed` is called after an owner changed their hotel's profile (searches by its name or city
  //! answer differently from then on).
  HotelService(HotelRepository& hotels, objects::ObjectStore& objects, NowFn now,
               std::function<void()> profile_changed = {})
      : hotels_(hotels), objects_(objects), now_(std::move(now)), profile_changed_(std::move(profile_changed)) {}

  //! A hotel's public profile.
  Result<HotelProfile, Error> get(std::string_view hotel_id);
  //! The owner edits their hotel's profile.
  Result<HotelProfile, Error> update_mine(const Principal& hotelier, const HotelFields& fields);
  //! The owner replaces their logo with uploaded bytes (JPEG, PNG or WebP).
  Result<HotelProfile, Error> set_logo(const Principal& hotelier, std::string_view bytes);

 private:
  HotelRepository& hotels_;
  objects::ObjectStore& objects_;
  NowFn now_;
  std::function<void()> profile_changed_;
};

}  // namespace hc::hotels
