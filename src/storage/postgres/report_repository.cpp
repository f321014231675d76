#include "storage/postgres/report_repository.hpp"

#include "storage/postgres/events.hpp"
#include "storage/postgres/rows.hpp"

namespace hc::postgres {
namespace {

using reports::Report;

constexpr std::string_view kColumns =
    "id, owner_id, hotel_id, period_from, period_to, format, status, attempts, error, object_key, size_bytes, "
    "created_at, finished_at";

// The first key of the per-owner advisory locks (the second is the owner id's hash): the two-key lock space is
// apart from the one-key lock of events.cpp.
constexpr int kOwnerReportsLock = 0x68637270;  // "hcrp"

Report read_report(const Result& rows, int row) {
  Report r;
  r.id = rows.text(row, 0);
  r.owner_id = rows.text(row, 1);
  r.hotel_id = rows.text(row, 2);
  r.from = date_column(rows, row, 3);
  r.to = date_column(rows, row, 4);
  r.format = reports::parse_format(rows.text(row, 5)).value_or(reports::ReportFormat::pdf);
  r.status = reports::parse_status(rows.text(row, 6)).value_or(reports::ReportStatus::failed);
  r.attempts = static_cast<int>(rows.int64(row, 7));
  r.error = rows.text(row, 8);
  r.object_key = rows.text(row, 9);
  r.size_bytes = rows.int64(row, 10);
  r.created_at = time_column(rows, row, 11);
  r.finished_at = optional_time_column(rows, row, 12);
  return r;
}

std::optional<Report> first_report(const Result& rows) {
  if (rows.rows() == 0) return std::nullopt;
  return read_report(rows, 0);
}

}  // namespace

bool PostgresReportRepository::insert(const Report& r, std::size_t max_unfinished) {
  auto db = pool_.acquire();
  Transaction transaction(*db);
  // Concurrent inserts by one owner take turns here, so each counts the jobs of those before it; other owners
  // do not wait. (Locking rows would not do: there may be none yet to lock.)
  db->exec("SELECT pg_advisory_xact_lock($1::integer, hashtext($2))", kOwnerReportsLock, r.owner_id);
  const std::int64_t unfinished =
      db->exec("SELECT count(*) FROM reports WHERE owner_id = $1 AND status IN ('queued', 'running')", r.owner_id)
          .int64(0, 0);
  if (static_cast<std::size_t>(unfinished) >= max_unfinished) return false;
  db->exec(
      "INSERT INTO reports (id, owner_id, hotel_id, period_from, period_to, format, status, run_after, "
      "created_at) VALUES ($1, $2, $3, $4, $5, $6, 'queued', $7, $7)",
      r.id, r.owner_id, r.hotel_id, to_iso_date(r.from), to_iso_date(r.to), reports::to_string(r.format),
      to_rfc3339(r.created_at));
  transaction.commit();
  return true;
}

std::optional<Report> PostgresReportRepository::find_owned(std::string_view report_id, std::string_view owner_id) {
  auto db = pool_.acquire();
  return first_report(db->exec("SELECT " + std::string(kColumns) + " FROM reports WHERE id = $1 AND owner_id = $2",
                               report_id, owner_id));
}

std::vector<Report> PostgresReportRepository::list(std::string_view owner_id,
                                                   const std::optional<std::string>& after_id, std::size_t limit) {
  auto db = pool_.acquire();
  // Ids sort by creation time, so newest first is id order, and the last id seen is the cursor.
  const Result rows = db->exec("SELECT " + std::string(kColumns) +
                                   " FROM reports WHERE owner_id = $1 AND ($2::hc_key IS NULL OR id < $2::hc_key) "
                                   "ORDER BY id DESC LIMIT $3::bigint",
                               owner_id, after_id, static_cast<std::int64_t>(limit));
  std::vector<Report> found;
  for (int row = 0; row < rows.rows(); ++row) found.push_back(read_report(rows, row));
  return found;
}

std::optional<Report> PostgresReportRepository::claim_next(SysSeconds now, std::chrono::seconds lease,
                                                          std::string_view worker) {
  auto db = pool_.acquire();
  // One statement: the row lock taken by FOR UPDATE hands each job to one worker, and SKIP LOCKED sends the
  // other workers on to the next job instead of waiting for this one.
  return first_report(db->exec(
      "UPDATE reports SET status = 'running', attempts = attempts + 1, lease_until = $2, leased_by = $3 "
      "WHERE id = (SELECT id FROM reports WHERE (status = 'queued' AND run_after <= $1::hc_time) "
      "OR (status = 'running' AND lease_until < $1::hc_time) ORDER BY run_after, id LIMIT 1 FOR UPDATE SKIP LOCKED) "
      "RETURNING " +
          std::string(kColumns),
      to_rfc3339(now), to_rfc3339(now + lease), worker));
}

std::size_t PostgresReportRepository::release_running(SysSeconds now, std::string_view worker) {
  auto db = pool_.acquire();
  const Result released = db->exec(
      "UPDATE reports SET status = 'queued', lease_until = NULL, leased_by = NULL, run_after = $1 "
      "WHERE status = 'running' AND (leased_by = $2 OR leased_by IS NULL)",
      to_rfc3339(now), worker);
  return static_cast<std::size_t>(released.affected_rows());
}

bool PostgresReportRepository::mark_ready(const Report& r, const notifications::OutboxEvent& event, SysSeconds now) {
  auto db = pool_.acquire();
  Transaction transaction(*db);
  const Result marked = db->exec(
      "UPDATE reports SET status = 'ready', object_key = $1, size_bytes = $2::bigint, error = '', finished_at = $3, "
      "lease_until = NULL WHERE id = $4 AND status = 'running' AND attempts = $5::integer",
      r.object_key, r.size_bytes, to_rfc3339(now), r.id, std::int64_t{r.attempts});
  if (marked.affected_rows() == 0) return false;
  append_outbox(*db, event, now);
  transaction.commit();
  return true;
}

void PostgresReportRepository::retry_later(const Report& r, std::string_view reason, SysSeconds retry_at) {
  requeue(r, reason, retry_at, 0);
}

void PostgresReportRepository::postpone(const Report& r, std::string_view reason, SysSeconds retry_at) {
  requeue(r, reason, retry_at, 1);
}

void PostgresReportRepository::requeue(const Report& r, std::string_view reason, SysSeconds retry_at,
                                       std::int64_t attempts_returned) {
  auto db = pool_.acquire();
  db->exec(
      "UPDATE reports SET status = 'queued', error = $1, run_after = $2, lease_until = NULL, "
      "attempts = attempts - $3::integer WHERE id = $4 AND status = 'running' AND attempts = $5::integer",
      reason, to_rfc3339(retry_at), attempts_returned, r.id, std::int64_t{r.attempts});
}

void PostgresReportRepository::mark_failed(const Report& r, std::string_view reason, SysSeconds now) {
  auto db = pool_.acquire();
  db->exec(
      "UPDATE reports SET status = 'failed', error = $1, finished_at = $2, lease_until = NULL "
      "WHERE id = $3 AND status = 'running' AND attempts = $4::integer",
      reason, to_rfc3339(now), r.id, std::int64_t{r.attempts});
}

}  // namespace hc::postgres
