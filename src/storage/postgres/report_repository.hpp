#pragma once
// Report jobs on PostgreSQL, where workers in several processes take jobs at once: each claim skips the jobs
// another worker is taking, and an owner's inserts queue behind a lock of their own.
#include "reports/repository.hpp"
#include "storage/postgres/pool.hpp"

namespace hc::postgres {

class PostgresReportRepository final : public reports::ReportRepository {
 public:
  explicit PostgresReportRepository(ConnectionPool& pool) : pool_(pool) {}

  bool insert(const reports::Report& report, std::size_t max_unfinished) override;
  std::optional<reports::Report> find_owned(std::string_view report_id, std::string_view owner_id) override;
  std::vector<reports::Report> list(std::string_view owner_id, const std::optional<std::string>& after_id,
                                    std::size_t limit) override;
  std::optional<reports::Report> claim_next(SysSeconds now, std::chrono::seconds lease,
                                           std::string_view worker) override;
  std::size_t release_running(SysSeconds now, std::string_view worker) override;
  bool mark_ready(const reports::Report& report, const notifications::OutboxEvent& event, SysSeconds now) override;
  void retry_later(const reports::Report& report, std::string_view reason, SysSeconds retry_at) override;
  void postpone(const reports::Report& report, std::string_view reason, SysSeconds retry_at) override;
  void mark_failed(const reports::Report& report, std::string_view reason, SysSeconds now) override;

 private:
  //! Puts a running job back in the queue, returning `attempts_returned` of its attempts.
  void requeue(const reports::Report& report, std::string_view reason, SysSeconds retry_at,
               std::int64_t attempts_returned);

  ConnectionPool& pool_;
};

}  // namespace hc::postgres
