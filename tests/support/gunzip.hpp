#pragma once
// Reading a gzip body back with zlib, for tests that check what the server compressed.
#include <optional>
#include <string>
#include <string_view>

namespace hc::test {

//! The bytes a gzip stream (RFC 1952) holds, or nullopt when it is not one complete, valid stream.
std::optional<std::string> gunzip(std::string_view compressed);

}  // namespace hc::test
