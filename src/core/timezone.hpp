#pragma once
// Hotel-local calendar days: "valid until 2026-12-31" means the end of that day where the hotel is.
#include "core/time.hpp"

#include <chrono>
#include <optional>
#include <string>
#include <string_view>

namespace hc {

using LocalDate = std::chrono::year_month_day;

//! True for an IANA time-zone name of the system's time-zone database ("Europe/Dublin", "UTC").
bool is_known_timezone(std::string_view zone);

//! The instant a local day starts in the zone (the earliest one if midnight is skipped by a DST change).
std::optional<SysSeconds> start_of_local_day(std::string_view zone, LocalDate day);

//! The last second of a local day in the zone.
std::optional<SysSeconds> end_of_local_day(std::string_view zone, LocalDate day);

//! The local calendar day of an instant in the zone.
std::optional<LocalDate> local_date(std::string_view zone, SysSeconds instant);

//! The wall-clock time of an instant in the zone, to the minute: "2026-11-22 14:03".
std::optional<std::string> local_time_text(std::string_view zone, SysSeconds instant);

//! "2026-12-31".
std::string to_iso_date(LocalDate day);
//! Parses "YYYY-MM-DD".
std::optional<LocalDate> parse_iso_date(std::string_view text);

}  // namespace hc
