#include "core/paging.hpp"

#include <charconv>

namespace hc {

Result<std::size_t, Error> parse_limit(const std::optional<std::string>& text) {
  if (!text) return kDefaultPageSize;
  std::size_t limit = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), limit);
  if (ec != std::errc{} || end != text->data() + text->size() || limit < 1 || limit > kMaxPageSize) {
    return Failure{validation_error({{"limit", "must be a whole number from 1 to 100"}})};
  }
  return limit;
}

}  // namespace hc
