#pragma once
// Fixed-width decimal fields of dates and times, written and read without the printf family: every stored time
// and date goes through these, many times per request.
#include <charconv>
#include <optional>
#include <string>
#include <string_view>

namespace hc {

//! Appends `value` as exactly `width` digits, zero-padded; `value` must have at most `width` digits.
inline void append_digits(std::string& out, unsigned value, std::size_t width) {
  char digits[10];
  for (std::size_t i = width; i > 0; --i, value /= 10) digits[i - 1] = static_cast<char>('0' + value % 10);
  out.append(digits, width);
}

//! The number `text` holds when it is all ASCII digits (no sign, no space), else nullopt.
inline std::optional<unsigned> read_digits(std::string_view text) {
  unsigned value = 0;
  for (const char c : text) {
    if (c < '0' || c > '9') return std::nullopt;
  }
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || text.empty()) return std::nullopt;
  return value;
}

}  // namespace hc
