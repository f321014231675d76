#pragma once
// Who is making a request, as proven by a verified access token.
#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace hc {

enum class Role { user, hotelier };

//! "user" or "hotelier".
constexpr std::string_view to_string(Role role) { return role == Role::user ? "user" : "hotelier"; }

//! Parses "user" or "hotelier".
constexpr std::optional<Role> parse_role(std::string_view text) {
  if (text == "user") return Role::user;
  if (text == "hotelier") return Role::hotelier;
  return std::nullopt;
}

struct Principal {
  std::string user_id;
  Role role;
  std::string session_id;
  std::chrono::sys_seconds expires_at{};  // when the proof (the access token) stops being valid
};

}  // namespace hc
