#pragma once
// Text encodings for binary data. Decoders are strict so that every byte string has exactly one
// accepted spelling; tokens compared or hashed as text cannot then be varied by an attacker.
#include <initializer_list>
#include <optional>
#include <span>
#include <string>
#include <string_view>
#include <vector>

namespace hc {

//! Encodes bytes as base64url without padding.
std::string base64url_encode(std::span<const unsigned char> bytes);

//! Encodes the bytes of a string as base64url without padding.
std::string base64url_encode(std::string_view text);

//! Decodes unpadded, canonical base64url; nullopt on padding, whitespace, foreign characters or stray bits.
std::optional<std::vector<unsigned char>> base64url_decode(std::string_view text);

//! Encodes bytes as lowercase hexadecimal.
std::string hex_encode(std::span<const unsigned char> bytes);

//! The SHA-256 digest of the bytes of the parts one after the other, as lowercase hexadecimal (64 characters).
std::string sha256_hex(std::initializer_list<std::string_view> parts);

//! Decodes hexadecimal (either case); nullopt on odd length or any non-hex character.
std::optional<std::vector<unsigned char>> hex_decode(std::string_view text);

}  // namespace hc
