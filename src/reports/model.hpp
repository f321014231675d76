#pragma once
// Report jobs: a hotelier asks for a period in a format; a background worker renders the file, stores it and
// tells the hotelier. The job row is the source of truth for where that work stands.
#include "core/time.hpp"
#include "core/timezone.hpp"

#include <cstdint>
#include <optional>
#include <string>
#include <string_view>

namespace hc::reports {

enum class ReportFormat { pdf, csv };
enum class ReportStatus { queued, running, ready, failed };

std::string_view to_string(ReportFormat format);
std::optional<ReportFormat> parse_format(std::string_view text);
std::string_view to_string(ReportStatus status);
std::optional<ReportStatus> parse_status(std::string_view text);

//! The file extension and media type of a format.
std::string_view extension_of(ReportFormat format);
std::string_view content_type_of(ReportFormat format);

//! How many times a job is started before it is marked failed.
inline constexpr int kMaxAttempts = 3;

struct Report {
  std::string id;
  std::string owner_id;
  std::string hotel_id;
  LocalDate from{};
  LocalDate to{};
  ReportFormat format = ReportFormat::pdf;
  ReportStatus status = ReportStatus::queued;
  int attempts = 0;            // how many times a worker started it
  std::string error;           // why the last attempt failed, for the hotelier
  std::string object_key;      // where the file is, once ready
  std::int64_t size_bytes = 0;
  SysSeconds created_at{};
  std::optional<SysSeconds> finished_at;
};

}  // namespace hc::reports
