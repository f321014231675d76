#include "reports/model.hpp"

namespace hc::reports {

std::string_view to_string(ReportFormat format) { return format == ReportFormat::pdf ? "pdf" : "csv"; }

std::optional<ReportFormat> parse_format(std::string_view text) {
  if (text == "pdf") return ReportFormat::pdf;
  if (text == "csv") return ReportFormat::csv;
  return std::nullopt;
}

std::string_view to_string(ReportStatus status) {
  switch (status) {
    case ReportStatus::queued: return "queued";
    case ReportStatus::running: return "running";
    case ReportStatus::ready: return "ready";
    case ReportStatus::failed: return "failed";
  }
  return "failed";
}

std::optional<ReportStatus> parse_status(std::string_view text) {
  for (const ReportStatus status : {ReportStatus::queued, ReportStatus::running, ReportStatus::ready, ReportStatus::failed}) {
    if (text == to_string(status)) return status;
  }
  return std::nullopt;
}

std::string_view extension_of(ReportFormat format) { return to_string(format); }

std::string_view content_type_of(ReportFormat format) {
  return format == ReportFormat::pdf ? "application/pdf" : "text/csv; charset=utf-8";
}

}  // namespace hc::reports
