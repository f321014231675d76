#pragma once
// The name a downloaded report is saved under: the hotel and the period, safe for every file system.
#include "core/timezone.hpp"

#include <string>
#include <string_view>

namespace hc::reports {

//! "hotel-dublin-bay-2026-03-01-to-2026-03-31.pdf": the name in lower-case ASCII letters and digits joined by
//! dashes (accents dropped from Latin letters), then the period.
std::string report_filename(std::string_view hotel_name, LocalDate from, LocalDate to, std::string_view extension);

//! `attachment` with the ASCII name, plus the name as written (UTF-8, RFC 5987) for clients that read it.
std::string content_disposition(std::string_view hotel_name, LocalDate from, LocalDate to,
                                std::string_view extension);

}  // namespace hc::reports
