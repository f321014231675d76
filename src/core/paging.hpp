#pragma once
// List paging as API.md sets it: ?limit= (default 20, at most 100) and an opaque ?cursor=.
#include "core/error.hpp"
#include "core/result.hpp"

#include <cstddef>
#include <optional>
#include <string>

namespace hc {

inline constexpr std::size_t kDefaultPageSize = 20;
inline constexpr std::size_t kMaxPageSize = 100;

//! Parses `limit` (default 20, 1..100); the error names the field.
Result<std::size_t, Error> parse_limit(const std::optional<std::string>& text);

}  // namespace hc
