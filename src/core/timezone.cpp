#include "core/timezone.hpp"

#include "core/digits.hpp"

#include <date/tz.h>

#include <algorithm>
#include <cstdio>

namespace hc {
namespace {

const date::time_zone* find_zone(std::string_view zone) {
  const bool plausible = !zone.empty() && zone.size() <= 64 && zone.find("..") == std::string_view::npos &&
                         std::all_of(zone.begin(), zone.end(), [](char c) {
                           return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                                  c == '/' || c == '_' || c == '-' || c == '+';
                         });
  if (!plausible) return nullptr;
  try {
    return date::locate_zone(std::string(zone));
  } catch (const std::runtime_error&) {
    return nullptr;  // not in the database
  }
}

// std::chrono and date count days from the same epoch, so the day number carries over as is.
date::local_days to_local_days(LocalDate day) {
  return date::local_days{date::days{std::chrono::sys_days{day}.time_since_epoch().count()}};
}

}  // namespace

bool is_known_timezone(std::string_view zone) { return find_zone(zone) != nullptr; }

std::optional<SysSeconds> start_of_local_day(std::string_view zone, LocalDate day) {
  const date::time_zone* tz = find_zone(zone);
  if (tz == nullptr || !day.ok()) return std::nullopt;
  const auto start = tz->to_sys(date::local_seconds{to_local_days(day)}, date::choose::earliest);
  return SysSeconds{start.time_since_epoch()};
}

std::optional<SysSeconds> end_of_local_day(std::string_view zone, LocalDate day) {
  const auto next = start_of_local_day(zone, LocalDate{std::chrono::sys_days{day} + std::chrono::days{1}});
  if (!next) return std::nullopt;
  return *next - std::chrono::seconds{1};
}

std::optional<LocalDate> local_date(std::string_view zone, SysSeconds instant) {
  const date::time_zone* tz = find_zone(zone);
  if (tz == nullptr) return std::nullopt;
  const auto local = tz->to_local(date::sys_seconds{instant.time_since_epoch()});
  const auto days = date::floor<date::days>(local).time_since_epoch().count();
  return LocalDate{std::chrono::sys_days{std::chrono::days{days}}};
}

std::optional<std::string> local_time_text(std::string_view zone, SysSeconds instant) {
  const date::time_zone* tz = find_zone(zone);
  if (tz == nullptr) return std::nullopt;
  const auto local = date::floor<std::chrono::minutes>(tz->to_local(date::sys_seconds{instant.time_since_epoch()}));
  return date::format("%Y-%m-%d %H:%M", local);
}

std::string to_iso_date(LocalDate day) {
  const int year = static_cast<int>(day.year());
  if (year < 0 || year > 9999) {
    char text[24];
    std::snprintf(text, sizeof text, "%04d-%02u-%02u", year, static_cast<unsigned>(day.month()),
                  static_cast<unsigned>(day.day()));
    return text;
  }
  std::string text;
  text.reserve(20);  // room for to_rfc3339's time after it
  append_digits(text, static_cast<unsigned>(year), 4);
  text += '-';
  append_digits(text, static_cast<unsigned>(day.month()), 2);
  text += '-';
  append_digits(text, static_cast<unsigned>(day.day()), 2);
  return text;
}

std::optional<LocalDate> parse_iso_date(std::string_view text) {
  if (text.size() != 10 || text[4] != '-' || text[7] != '-') return std::nullopt;
  const auto year = read_digits(text.substr(0, 4));
  const auto month = read_digits(text.substr(5, 2));
  const auto day = read_digits(text.substr(8, 2));
  if (!year || !month || !day) return std::nullopt;
  const LocalDate date{std::chrono::year{static_cast<int>(*year)}, std::chrono::month{*month}, std::chrono::day{*day}};
  if (!date.ok()) return std::nullopt;
  return date;
}

}  // namespace hc
