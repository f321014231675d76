#pragma once
// Randomness and identifiers. Everything here draws from libsodium's CSPRNG.
#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace hc {

//! Initialises libsodium once per process; throws std::runtime_error if it cannot.
void ensure_sodium();

//! Returns n bytes from the operating system's CSPRNG.
std::vector<unsigned char> random_bytes(std::size_t n);

//! Returns `bytes` random bytes as unpadded base64url text.
std::string random_token(std::size_t bytes);

//! Returns a new ULID: 26 Crockford base32 characters that sort by creation time (millisecond resolution).
std::string new_id();

//! Tells whether `id` has the exact shape new_id() produces.
bool is_valid_id(std::string_view id);

}  // namespace hc
