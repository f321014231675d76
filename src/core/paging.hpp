#pragma once
// List paging as API.md sets it: ?limit= (default 20, at most 100) and an opaque ?cursor=.
#include "core/error.hpp"
#include "core/result.hpp"

#include <cstddef>
#include <optional>
#include <string>
#include <vector>

namespace hc {

inline constexpr std::size_t kDefaultPageSize = 20;
inline constexpr std::size_t kMaxPageSize = 100;

//! Parses `limit` (default 20, 1..100); the error names the field.
Result<std::size_t, Error> parse_limit(const std::optional<std::string>& text);

//! Trims rows fetched with `limit + 1` (the extra row tells whether there is more) to `limit`, and returns
//! the cursor of the next page, made from the page's last row, when there is one.
template <class Row, class CursorOf>
std::optional<std::string> trim_page(std::vector<Row>& rows, std::size_t limit, CursorOf cursor_of) {
  if (rows.size() <= limit) return std::nullopt;
  rows.resize(limit);
  return cursor_of(rows.back());
}

}  // namespace hc
