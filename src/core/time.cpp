#include "core/time.hpp"

#include "core/digits.hpp"
#include "core/timezone.hpp"

namespace hc {

std::string to_rfc3339(SysSeconds time) {
  // Always four digits of year (to_iso_date), so stored times compare correctly as text.
  const auto day = std::chrono::floor<std::chrono::days>(time);
  const std::chrono::hh_mm_ss clock{time - day};
  std::string text = to_iso_date(LocalDate{day});
  text += 'T';
  append_digits(text, static_cast<unsigned>(clock.hours().count()), 2);
  text += ':';
  append_digits(text, static_cast<unsigned>(clock.minutes().count()), 2);
  text += ':';
  append_digits(text, static_cast<unsigned>(clock.seconds().count()), 2);
  text += 'Z';
  return text;
}

std::optional<SysSeconds> parse_rfc3339(std::string_view text) {
  if (text.size() != 20 || text[10] != 'T' || text[13] != ':' || text[16] != ':' || text[19] != 'Z') {
    return std::nullopt;
  }
  const auto date = parse_iso_date(text.substr(0, 10));
  const auto hour = read_digits(text.substr(11, 2));
  const auto minute = read_digits(text.substr(14, 2));
  const auto second = read_digits(text.substr(17, 2));
  if (!date || !hour || !minute || !second || *hour > 23 || *minute > 59 || *second > 59) return std::nullopt;
  return std::chrono::sys_days{*date} + std::chrono::hours{*hour} + std::chrono::minutes{*minute} +
         std::chrono::seconds{*second};
}

}  // namespace hc
