// The report repository's promises on both engines: an owner's limit of unfinished jobs (also under concurrent
// inserts), the owner's list, and the job's life under workers: one worker per job, leases, retries and the
// ready event, each change only on the attempt that holds the job.
#include <gtest/gtest.h>

#include <atomic>
#include <mutex>
#include <set>
#include <thread>
#include <vector>

#include "core/time.hpp"
#include "storage_contract.hpp"

namespace hc::test {
namespace {

using reports::Report;
using reports::ReportStatus;

const SysSeconds kNow = parse_rfc3339("2026-06-01T12:00:00Z").value();
constexpr std::chrono::seconds kLease{60};
constexpr std::size_t kNoLimit = 1000;

class ReportStorage : public StorageContract {
 protected:
  void SetUp() override {
    StorageContract::SetUp();
    add_hotelier("owner-1", "hotel-1");
    add_hotelier("owner-2", "hotel-2");
  }

  static Report job(std::string_view id, std::string_view owner = "owner-1", SysSeconds created_at = kNow) {
    Report r;
    r.id = std::string(id);
    r.owner_id = std::string(owner);
    r.hotel_id = owner == "owner-1" ? "hotel-1" : "hotel-2";
    r.from = parse_iso_date("2026-05-01").value();
    r.to = parse_iso_date("2026-05-31").value();
    r.format = reports::ReportFormat::csv;
    r.created_at = created_at;
    return r;
  }

  bool insert(std::string_view id, std::string_view owner = "owner-1", SysSeconds created_at = kNow,
              std::size_t max_unfinished = kNoLimit) {
    return db().reports().insert(job(id, owner, created_at), max_unfinished);
  }

  Report claim(SysSeconds now = kNow) {
    auto claimed = db().reports().claim_next(now, kLease, "worker-a");
    if (!claimed) throw std::runtime_error("no job to claim");
    return *claimed;
  }

  Report stored(std::string_view id, std::string_view owner = "owner-1") {
    return db().reports().find_owned(id, owner).value();
  }
};

TEST_P(ReportStorage, InsertStoresAQueuedJobThatOnlyItsOwnerFinds) {
  ASSERT_TRUE(insert("rep-1"));
  const auto found = db().reports().find_owned("rep-1", "owner-1");
  ASSERT_TRUE(found.has_value());
  EXPECT_EQ(found->status, ReportStatus::queued);
  EXPECT_EQ(found->hotel_id, "hotel-1");
  EXPECT_EQ(found->from, parse_iso_date("2026-05-01").value());
  EXPECT_EQ(found->to, parse_iso_date("2026-05-31").value());
  EXPECT_EQ(found->format, reports::ReportFormat::csv);
  EXPECT_EQ(found->attempts, 0);
  EXPECT_EQ(found->created_at, kNow);
  EXPECT_FALSE(found->finished_at.has_value());
  EXPECT_FALSE(db().reports().find_owned("rep-1", "owner-2").has_value());
  EXPECT_FALSE(db().reports().find_owned("rep-missing", "owner-1").has_value());
}

TEST_P(ReportStorage, InsertRefusesAnOwnerAtTheLimitOfUnfinishedJobs) {
  ASSERT_TRUE(insert("rep-1", "owner-1", kNow, 2));
  ASSERT_TRUE(insert("rep-2", "owner-1", kNow, 2));
  EXPECT_FALSE(insert("rep-3", "owner-1", kNow, 2));
  EXPECT_FALSE(db().reports().find_owned("rep-3", "owner-1").has_value()) << "nothing stored";
  EXPECT_TRUE(insert("rep-4", "owner-2", kNow, 2)) << "another owner has their own limit";
  const Report running = claim();
  db().reports().mark_failed(running, "broken", kNow);
  EXPECT_TRUE(insert("rep-3", "owner-1", kNow, 2)) << "a finished job no longer counts";
}

TEST_P(ReportStorage, TheLimitHoldsUnderConcurrentInsertsOfOneOwner) {
  constexpr int kThreads = 8;
  constexpr std::size_t kLimit = 3;
  std::atomic<int> stored_count{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&, t] {
      if (db().reports().insert(job("rep-" + std::to_string(t)), kLimit)) ++stored_count;
    });
  }
  for (auto& thread : threads) thread.join();
  EXPECT_EQ(stored_count.load(), static_cast<int>(kLimit));
  EXPECT_EQ(query_int("SELECT count(*) FROM reports"), static_cast<std::int64_t>(kLimit));
}

TEST_P(ReportStorage, ListsTheOwnersReportsNewestFirstAfterTheCursor) {
  for (const char* id : {"rep-1", "rep-2", "rep-3"}) ASSERT_TRUE(insert(id));
  ASSERT_TRUE(insert("rep-4", "owner-2"));
  const auto ids = [](const std::vector<Report>& list) {
    std::vector<std::string> out;
    for (const auto& r : list) out.push_back(r.id);
    return out;
  };
  auto& repo = db().reports();
  EXPECT_EQ(ids(repo.list("owner-1", std::nullopt, 10)), (std::vector<std::string>{"rep-3", "rep-2", "rep-1"}));
  EXPECT_EQ(ids(repo.list("owner-1", std::nullopt, 2)), (std::vector<std::string>{"rep-3", "rep-2"}));
  EXPECT_EQ(ids(repo.list("owner-1", "rep-2", 10)), (std::vector<std::string>{"rep-1"}));
  EXPECT_TRUE(repo.list("owner-1", "rep-1", 10).empty());
  EXPECT_TRUE(repo.list("nobody", std::nullopt, 10).empty());
}

TEST_P(ReportStorage, ClaimNextTakesTheOldestDueJobWithALease) {
  ASSERT_TRUE(insert("rep-b", "owner-1", kNow - std::chrono::minutes(5)));
  ASSERT_TRUE(insert("rep-a", "owner-2", kNow - std::chrono::minutes(1)));
  ASSERT_TRUE(insert("rep-c", "owner-1", kNow + std::chrono::minutes(1)));
  const Report first = claim();
  EXPECT_EQ(first.id, "rep-b");
  EXPECT_EQ(first.status, ReportStatus::running);
  EXPECT_EQ(first.attempts, 1);
  EXPECT_EQ(claim().id, "rep-a");
  EXPECT_FALSE(db().reports().claim_next(kNow, kLease, "worker-a").has_value()) << "rep-c is not due yet";
  EXPECT_EQ(claim(kNow + std::chrono::minutes(1)).id, "rep-c");
}

TEST_P(ReportStorage, ClaimNextRetakesARunningJobWhoseLeaseRanOut) {
  ASSERT_TRUE(insert("rep-1"));
  ASSERT_EQ(claim().attempts, 1);
  EXPECT_FALSE(db().reports().claim_next(kNow + kLease, kLease, "worker-a").has_value()) << "the lease still holds";
  const Report retaken = claim(kNow + kLease + std::chrono::seconds(1));
  EXPECT_EQ(retaken.id, "rep-1");
  EXPECT_EQ(retaken.attempts, 2);
}

TEST_P(ReportStorage, ConcurrentWorkersEachTakeADifferentJob) {
  constexpr int kJobs = 24;
  constexpr int kWorkers = 4;
  for (int i = 0; i < kJobs; ++i) {
    ASSERT_TRUE(insert("rep-" + std::to_string(100 + i), "owner-1", kNow - std::chrono::seconds(kJobs - i)));
  }
  std::mutex mutex;
  std::vector<std::string> taken;
  std::vector<std::thread> workers;
  for (int w = 0; w < kWorkers; ++w) {
    workers.emplace_back([&] {
      while (auto job = db().reports().claim_next(kNow, kLease, "worker-a")) {
        const std::lock_guard lock(mutex);
        taken.push_back(job->id);
      }
    });
  }
  for (auto& worker : workers) worker.join();
  EXPECT_EQ(taken.size(), std::size_t{kJobs});
  EXPECT_EQ(std::set<std::string>(taken.begin(), taken.end()).size(), std::size_t{kJobs}) << "no job twice";
  EXPECT_EQ(query_int("SELECT count(*) FROM reports WHERE status = 'running' AND attempts = 1"), kJobs);
}

TEST_P(ReportStorage, MarkReadyStoresTheFileAndTheEventOnlyOnTheCurrentAttempt) {
  ASSERT_TRUE(insert("rep-1"));
  Report stale = claim();
  Report current = claim(kNow + kLease + std::chrono::seconds(1));
  stale.object_key = current.object_key = "reports/rep-1.csv";
  stale.size_bytes = current.size_bytes = 1234;
  EXPECT_FALSE(db().reports().mark_ready(stale, {"ev-stale", "report.ready", "{}"}, kNow));
  EXPECT_EQ(query_int("SELECT count(*) FROM outbox"), 0);
  ASSERT_TRUE(db().reports().mark_ready(current, {"ev-1", "report.ready", "{\"id\":\"rep-1\"}"}, kNow));
  const Report ready = stored("rep-1");
  EXPECT_EQ(ready.status, ReportStatus::ready);
  EXPECT_EQ(ready.object_key, "reports/rep-1.csv");
  EXPECT_EQ(ready.size_bytes, 1234);
  EXPECT_EQ(ready.finished_at, kNow);
  EXPECT_EQ(query_int("SELECT count(*) FROM outbox WHERE id = 'ev-1' AND kind = 'report.ready'"), 1);
  EXPECT_FALSE(db().reports().mark_ready(current, {"ev-2", "report.ready", "{}"}, kNow)) << "no longer running";
  EXPECT_FALSE(db().reports().claim_next(kNow + std::chrono::hours(1), kLease, "worker-a").has_value());
}

TEST_P(ReportStorage, RetryLaterRequeuesWithTheReasonAndCountsTheAttempt) {
  ASSERT_TRUE(insert("rep-1"));
  const Report running = claim();
  db().reports().retry_later(running, "renderer crashed", kNow + std::chrono::minutes(5));
  const Report queued = stored("rep-1");
  EXPECT_EQ(queued.status, ReportStatus::queued);
  EXPECT_EQ(queued.error, "renderer crashed");
  EXPECT_EQ(queued.attempts, 1);
  EXPECT_FALSE(db().reports().claim_next(kNow + std::chrono::minutes(4), kLease, "worker-a").has_value());
  EXPECT_EQ(claim(kNow + std::chrono::minutes(5)).attempts, 2);
}

TEST_P(ReportStorage, PostponeRequeuesWithoutCountingTheAttempt) {
  ASSERT_TRUE(insert("rep-1"));
  const Report running = claim();
  db().reports().postpone(running, "storage down", kNow + std::chrono::minutes(1));
  EXPECT_EQ(stored("rep-1").attempts, 0);
  EXPECT_EQ(stored("rep-1").error, "storage down");
  EXPECT_EQ(claim(kNow + std::chrono::minutes(1)).attempts, 1);
}

TEST_P(ReportStorage, MarkFailedEndsTheJobWithTheReason) {
  ASSERT_TRUE(insert("rep-1"));
  const Report running = claim();
  db().reports().mark_failed(running, "no data", kNow + std::chrono::seconds(3));
  const Report failed = stored("rep-1");
  EXPECT_EQ(failed.status, ReportStatus::failed);
  EXPECT_EQ(failed.error, "no data");
  EXPECT_EQ(failed.finished_at, kNow + std::chrono::seconds(3));
  EXPECT_FALSE(db().reports().claim_next(kNow + std::chrono::hours(1), kLease, "worker-a").has_value());
}

TEST_P(ReportStorage, AStaleAttemptChangesNothing) {
  ASSERT_TRUE(insert("rep-1"));
  const Report stale = claim();
  const Report current = claim(kNow + kLease + std::chrono::seconds(1));
  db().reports().retry_later(stale, "late", kNow);
  db().reports().postpone(stale, "late", kNow);
  db().reports().mark_failed(stale, "late", kNow);
  const Report still = stored("rep-1");
  EXPECT_EQ(still.status, ReportStatus::running);
  EXPECT_EQ(still.attempts, current.attempts);
  EXPECT_EQ(still.error, "");
}

TEST_P(ReportStorage, ReleaseRunningHandsBackTheJobsOfThatWorkerOnly) {
  ASSERT_TRUE(insert("rep-1"));
  ASSERT_TRUE(insert("rep-2"));
  ASSERT_TRUE(insert("rep-3"));
  ASSERT_TRUE(insert("rep-4"));
  claim();
  claim();
  ASSERT_TRUE(db().reports().claim_next(kNow, kLease, "worker-b").has_value());
  EXPECT_EQ(db().reports().release_running(kNow + std::chrono::seconds(1), "worker-a"), 2U);
  EXPECT_EQ(query_int("SELECT count(*) FROM reports WHERE status = 'queued' AND lease_until IS NULL"), 3);
  EXPECT_EQ(query_int("SELECT count(*) FROM reports WHERE status = 'running' AND leased_by = 'worker-b'"), 1)
      << "another worker's job keeps its lease";
  EXPECT_EQ(db().reports().release_running(kNow, "worker-a"), 0U);
  EXPECT_EQ(stored("rep-1").attempts, 1) << "the attempt it had still counts";
}

TEST_P(ReportStorage, ReleaseRunningAlsoHandsBackJobsLeasedBeforeLeasesWereNamed) {
  ASSERT_TRUE(insert("rep-1"));
  claim();
  exec("UPDATE reports SET leased_by = NULL");
  EXPECT_EQ(db().reports().release_running(kNow, "worker-b"), 1U);
}

HC_STORAGE_CONTRACT(ReportStorage);

}  // namespace
}  // namespace hc::test
