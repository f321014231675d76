#include "storage/sqlite/report_repository.hpp"

#include "storage/sqlite/notification_repository.hpp"
#include "storage/sqlite/rows.hpp"

namespace hc::sqlite {
namespace {

using reports::Report;

constexpr std::string_view kColumns =
    "id, owner_id, hotel_id, period_from, period_to, format, status, attempts, error, object_key, size_bytes, "
    "created_at, finished_at";

Report read_report(Statement& row) {
  Report r;
  r.id = row.text(0);
  r.owner_id = row.text(1);
  r.hotel_id = row.text(2);
  r.from = date_column(row, 3);
  r.to = date_column(row, 4);
  r.format = reports::parse_format(row.text(5)).value_or(reports::ReportFormat::pdf);
  r.status = reports::parse_status(row.text(6)).value_or(reports::ReportStatus::failed);
  r.attempts = static_cast<int>(row.int64(7));
  r.error = row.text(8);
  r.object_key = row.text(9);
  r.size_bytes = row.int64(10);
  r.created_at = time_column(row, 11);
  r.finished_at = optional_time_column(row, 12);
  return r;
}

std::optional<Report> find_by_id(Connection& db, std::string_view report_id) {
  Statement& query = db.prepare("SELECT " + std::string(kColumns) + " FROM reports WHERE id = ?");
  query.bind(1, report_id);
  if (!query.step()) return std::nullopt;
  Report report = read_report(query);
  query.reset();
  return report;
}

}  // namespace

bool SqliteReportRepository::insert(const Report& r, std::size_t max_unfinished) {
  auto db = pool_.acquire();
  Transaction transaction(*db);
  Statement& unfinished = db->prepare("SELECT count(*) FROM reports WHERE owner_id = ? AND status IN ('queued', 'running')");
  unfinished.bind(1, r.owner_id);
  unfinished.step();
  const auto count = static_cast<std::size_t>(unfinished.int64(0));
  unfinished.reset();
  if (count >= max_unfinished) return false;
  db->prepare("INSERT INTO reports (id, owner_id, hotel_id, period_from, period_to, format, status, run_after, "
              "created_at) VALUES (?, ?, ?, ?, ?, ?, 'queued', ?, ?)")
      .bind_all(r.id, r.owner_id, r.hotel_id, to_iso_date(r.from), to_iso_date(r.to), reports::to_string(r.format),
                to_rfc3339(r.created_at), to_rfc3339(r.created_at))
      .run();
  transaction.commit();
  return true;
}

std::optional<Report> SqliteReportRepository::find_owned(std::string_view report_id, std::string_view owner_id) {
  auto db = pool_.acquire();
  auto report = find_by_id(*db, report_id);
  if (!report || report->owner_id != owner_id) return std::nullopt;
  return report;
}

std::vector<Report> SqliteReportRepository::list(std::string_view owner_id, const std::optional<std::string>& after_id,
                                                 std::size_t limit) {
  auto db = pool_.acquire();
  // Ids sort by creation time, so newest first is id order, and the last id seen is the cursor.
  Statement& query = db->prepare("SELECT " + std::string(kColumns) +
                                 " FROM reports WHERE owner_id = ?1 AND (?2 IS NULL OR id < ?2) "
                                 "ORDER BY id DESC LIMIT ?3");
  query.bind_all(owner_id, after_id, static_cast<std::int64_t>(limit));
  std::vector<Report> reports;
  while (query.step()) reports.push_back(read_report(query));
  return reports;
}

std::optional<Report> SqliteReportRepository::claim_next(SysSeconds now, std::chrono::seconds lease,
                                                        std::string_view worker) {
  auto db = pool_.acquire();
  Transaction transaction(*db);
  const std::string at = to_rfc3339(now);
  Statement& pick = db->prepare(
      "SELECT id FROM reports WHERE (status = 'queued' AND run_after <= ?1) "
      "OR (status = 'running' AND lease_until < ?1) ORDER BY run_after, id LIMIT 1");
  pick.bind(1, at);
  if (!pick.step()) return std::nullopt;
  const std::string id = pick.text(0);
  pick.reset();
  db->prepare(
        "UPDATE reports SET status = 'running', attempts = attempts + 1, lease_until = ?, leased_by = ? "
        "WHERE id = ?")
      .bind_all(to_rfc3339(now + lease), worker, id)
      .run();
  auto report = find_by_id(*db, id);
  transaction.commit();
  return report;
}

std::size_t SqliteReportRepository::release_running(SysSeconds now, std::string_view worker) {
  auto db = pool_.acquire();
  db->prepare(
        "UPDATE reports SET status = 'queued', lease_until = NULL, leased_by = NULL, run_after = ? "
        "WHERE status = 'running' AND (leased_by = ? OR leased_by IS NULL)")
      .bind_all(to_rfc3339(now), worker)
      .run();
  return static_cast<std::size_t>(db->changes());
}

bool SqliteReportRepository::mark_ready(const Report& r, const notifications::OutboxEvent& event, SysSeconds now) {
  auto db = pool_.acquire();
  Transaction transaction(*db);
  db->prepare("UPDATE reports SET status = 'ready', object_key = ?, size_bytes = ?, error = '', finished_at = ?, "
              "lease_until = NULL WHERE id = ? AND status = 'running' AND attempts = ?")
      .bind_all(r.object_key, r.size_bytes, to_rfc3339(now), r.id, std::int64_t{r.attempts})
      .run();
  if (db->changes() == 0) return false;
  append_outbox(*db, event, now);
  transaction.commit();
  return true;
}

void SqliteReportRepository::retry_later(const Report& r, std::string_view reason, SysSeconds retry_at) {
  requeue(r, reason, retry_at, 0);
}

void SqliteReportRepository::postpone(const Report& r, std::string_view reason, SysSeconds retry_at) {
  requeue(r, reason, retry_at, 1);
}

void SqliteReportRepository::requeue(const Report& r, std::string_view reason, SysSeconds retry_at,
                                     std::int64_t attempts_returned) {
  auto db = pool_.acquire();
  db->prepare("UPDATE reports SET status = 'queued', error = ?, run_after = ?, lease_until = NULL, "
              "attempts = attempts - ? WHERE id = ? AND status = 'running' AND attempts = ?")
      .bind_all(reason, to_rfc3339(retry_at), attempts_returned, r.id, std::int64_t{r.attempts})
      .run();
}

void SqliteReportRepository::mark_failed(const Report& r, std::string_view reason, SysSeconds now) {
  auto db = pool_.acquire();
  db->prepare("UPDATE reports SET status = 'failed', error = ?, finished_at = ?, lease_until = NULL "
              "WHERE id = ? AND status = 'running' AND attempts = ?")
      .bind_all(reason, to_rfc3339(now), r.id, std::int64_t{r.attempts})
      .run();
}

}  // namespace hc::sqlite
