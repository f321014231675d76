#pragma once
// What the reports module needs from storage. Each method is one atomic operation; calls block and are made
// from a worker thread.
#include "notifications/model.hpp"
#include "reports/model.hpp"

#include <chrono>
#include <optional>
#include <string_view>
#include <vector>

namespace hc::reports {

class ReportRepository {
 public:
  virtual ~ReportRepository() = default;

  //! Stores a new queued job, in one transaction with the check that its owner has fewer than `max_unfinished`
  //! jobs queued or running. False (and nothing stored) if not.
  virtual bool insert(const Report& report, std::size_t max_unfinished) = 0;
  //! The report, only if `owner_id` owns it.
  virtual std::optional<Report> find_owned(std::string_view report_id, std::string_view owner_id) = 0;
  //! The owner's reports, newest first, after the keyset cursor (a report id).
  virtual std::vector<Report> list(std::string_view owner_id, const std::optional<std::string>& after_id,
                                   std::size_t limit) = 0;
  //! In one transaction: takes the oldest queued job whose time has come, or a running one whose lease ran out
  //! (its worker died), marks it running with a new lease held by `worker` and one more attempt, and returns it.
  virtual std::optional<Report> claim_next(SysSeconds now, std::chrono::seconds lease, std::string_view worker) = 0;
  //! Hands back to the queue the running jobs whose lease `worker` holds (or nobody, from before leases were
  //! named): at its start-up, when none of them can still be running. Returns how many.
  virtual std::size_t release_running(SysSeconds now, std::string_view worker) = 0;
  //! In one transaction, if the job is still running on this attempt: marks it ready with its file and adds
  //! `event` to the outbox. False if the job was taken over meanwhile.
  virtual bool mark_ready(const Report& report, const notifications::OutboxEvent& event, SysSeconds now) = 0;
  //! Puts the job back in the queue until `retry_at` with the reason, if still running on this attempt.
  virtual void retry_later(const Report& report, std::string_view reason, SysSeconds retry_at) = 0;
  //! As retry_later, but this attempt does not count towards the limit: a dependency it needed was down, so the
  //! job never really ran.
  virtual void postpone(const Report& report, std::string_view reason, SysSeconds retry_at) = 0;
  //! Marks the job failed for good with the reason, if still running on this attempt.
  virtual void mark_failed(const Report& report, std::string_view reason, SysSeconds now) = 0;
};

}  // namespace hc::reports
