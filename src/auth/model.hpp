#pragma once
// Accounts: travellers and hoteliers (with their hotel), and refresh-token sessions.
#include "core/principal.hpp"
#include "core/time.hpp"
#include "hotels/model.hpp"

#include <optional>
#include <string>

namespace hc::auth {

using Hotel = hotels::Hotel;

struct User {
  std::string id;
  std::string email;  // normalised: trimmed, lower case
  std::string name;
  Role role = Role::user;
  std::string password_hash;
  SysSeconds created_at{};
  std::optional<Hotel> hotel;  // hoteliers only
};

//! One refresh token of a session family; only its hash is stored.
struct RefreshToken {
  std::string id;
  std::string family_id;
  std::string user_id;
  std::string token_hash;
  SysSeconds created_at{};
  SysSeconds expires_at{};
};

}  // namespace hc::auth
