#pragma once
// Report jobs with storage: a hotelier asks for a report and follows it; a background worker renders one job at
// a time, stores the file and marks it ready together with the owner's notification. Synchronous; the handlers
// and the worker loop run it off the I/O threads.
#include "core/log.hpp"
#include "core/principal.hpp"
#include "coupons/repository.hpp"
#include "interactions/period.hpp"
#include "interactions/repository.hpp"
#include "objects/object_store.hpp"
#include "reports/content.hpp"
#include "reports/repository.hpp"

namespace hc::reports {

//! How many of a hotelier's reports may be queued or running at once.
inline constexpr std::size_t kMaxUnfinished = 5;

//! How long a worker may hold a job before another takes it over.
inline constexpr std::chrono::seconds kLease{10 * 60};

struct ReportRequest {
  std::string from;
  std::string to;
  ReportFormat format = ReportFormat::pdf;
};

struct ReportFile {
  std::string bytes;
  std::string content_type;
  std::string disposition;  // the Content-Disposition naming the hotel and the period
};

struct ReportPage {
  std::vector<Report> items;
  std::optional<std::string> next_cursor;
};

class ReportService {
 public:
  //! `worker` names this process's leases: the same name after a restart, another in every other process.
  ReportService(ReportRepository& reports, coupons::CouponRepository& coupons,
                interactions::InteractionRepository& interactions, objects::ObjectStore& objects, NowFn now,
                const Logger& log, std::string worker)
      : reports_(reports),
        coupons_(coupons),
        interactions_(interactions),
        objects_(objects),
        now_(std::move(now)),
        log_(log),
        worker_(std::move(worker)) {}

  //! Queues a report of the hotelier's hotel over [from, to] (hotel-local dates, at most 366 days).
  Result<Report, Error> request(const Principal& hotelier, const ReportRequest& request);
  //! One of the hotelier's own reports; another's is not_found.
  Result<Report, Error> find(const Principal& hotelier, std::string_view report_id);
  //! The hotelier's reports, newest first.
  Result<ReportPage, Error> list(const Principal& hotelier, const std::optional<std::string>& cursor,
                                 std::size_t limit);
  //! The finished file of one of the hotelier's own reports.
  Result<ReportFile, Error> download(const Principal& hotelier, std::string_view report_id);

  //! One worker pass: runs the next due job, if any, to ready (or to a retry or failure). Returns 1 if it ran one.
  std::size_t run_once();
  //! At start-up: the jobs this worker left running when it stopped go back to the queue. Returns how many.
  std::size_t recover();

 private:
  //! The file of a job: the PDF or the CSV.
  std::string render(const Report& report, const coupons::HotelRef& hotel);
  //! What the PDF shows of `hotel` over the period: the coupons' `lines` with their counters, and the figures.
  ReportContent gather(const coupons::HotelRef& hotel, const interactions::Period& period,
                       std::vector<CouponLine> lines, SysSeconds at);
  void run(Report& report);
  //! Counts a failed attempt: retried later with a growing delay, or failed for good after the last.
  void fail_attempt(Report& report, const std::exception& cause);
  [[nodiscard]] SysSeconds now() const { return to_seconds(now_()); }

  ReportRepository& reports_;
  coupons::CouponRepository& coupons_;
  interactions::InteractionRepository& interactions_;
  objects::ObjectStore& objects_;
  NowFn now_;
  const Logger& log_;
  const std::string worker_;
};

}  // namespace hc::reports
