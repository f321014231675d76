#pragma once
// Opaque refresh tokens. The server stores only hash_refresh_token() of a token, never the token itself,
// so a leaked table cannot be replayed.
#include <string>
#include <string_view>

namespace hc::auth {

//! Returns a fresh token: 32 random bytes as 43 characters of base64url.
std::string new_refresh_token();

//! Returns the lowercase hex SHA-256 of token, the form in which tokens are stored and looked up.
std::string hash_refresh_token(std::string_view token);

}  // namespace hc::auth
