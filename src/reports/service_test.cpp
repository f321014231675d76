// The report worker against the real SQLite repositories in a temporary folder, with an object store that can
// be made to fail: retries, the bounded number of attempts, and what a hotelier sees of each.
#include "reports/service.hpp"

#include "storage/sqlite/coupon_repository.hpp"
#include "storage/sqlite/interaction_repository.hpp"
#include "storage/sqlite/report_repository.hpp"
#include "storage/sqlite/schema.hpp"

#include <gtest/gtest.h>

#include <filesystem>
#include <map>
#include <stdexcept>

namespace hc::reports {
namespace {

using namespace std::chrono_literals;

// An object store in memory whose writes fail while `broken` is set.
class FlakyStore final : public objects::ObjectStore {
 public:
  void put(std::string_view key, std::string_view bytes, std::string_view content_type) override {
    if (broken) throw std::runtime_error("disk full");
    objects[std::string(key)] = {std::string(content_type), std::string(bytes)};
  }
  std::optional<objects::StoredObject> get(std::string_view key) override {
    const auto found = objects.find(std::string(key));
    if (found == objects.end()) return std::nullopt;
    return found->second;
  }
  void remove(std::string_view key) override { objects.erase(std::string(key)); }
  void check() override {}

  bool broken = false;
  std::map<std::string, objects::StoredObject> objects;
};

constexpr std::string_view kOwner = "01TESTOWNER000000000000000";

class ReportServiceTest : public ::testing::Test {
 protected:
  ReportServiceTest()
      : dir_(make_dir()),
        pool_({(dir_ / "test.db").string()}, 2),
        reports_(pool_),
        coupons_(pool_),
        interactions_(pool_),
        service_(reports_, coupons_, interactions_, store_, [this] { return now_; }, log_, "this-worker") {
    auto db = pool_.acquire();
    sqlite::apply_migrations(*db, sqlite::schema_migrations());
    db->prepare("INSERT INTO users (id, email, name, role, password_hash, created_at) "
                "VALUES (?, 'o@hotel.example', 'Owner', 'hotelier', '', '2026-01-01T00:00:00Z')")
        .bind(1, kOwner)
        .run();
    db->prepare("INSERT INTO hotels (id, owner_id, name, city, country, timezone, created_at) "
                "VALUES ('01TESTHOTEL000000000000000', ?, 'Hotel Test', 'Dublin', 'Ireland', 'Europe/Dublin', "
                "'2026-01-01T00:00:00Z')")
        .bind(1, kOwner)
        .run();
  }
  ~ReportServiceTest() override { std::filesystem::remove_all(dir_); }

  static std::filesystem::path make_dir() {
    std::string pattern = (std::filesystem::temp_directory_path() / "hc-reports-XXXXXX").string();
    if (::mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp");
    return pattern;
  }

  Report ask(ReportFormat format = ReportFormat::pdf) {
    auto report = service_.request(owner_, {"2026-03-01", "2026-03-31", format});
    EXPECT_TRUE(report.ok());
    return *report;
  }

  Report status(const Report& report) { return *service_.find(owner_, report.id); }

  std::filesystem::path dir_;
  sqlite::ConnectionPool pool_;
  sqlite::SqliteReportRepository reports_;
  sqlite::SqliteCouponRepository coupons_;
  sqlite::SqliteInteractionRepository interactions_;
  FlakyStore store_;
  Logger log_ = Logger::null();
  Clock::time_point now_ = Clock::now();
  ReportService service_;
  Principal owner_{std::string(kOwner), Role::hotelier, "session", {}};
};

TEST_F(ReportServiceTest, AJobRunsToReadyWithItsFileStored) {
  const Report asked = ask();
  EXPECT_EQ(asked.status, ReportStatus::queued);
  EXPECT_EQ(service_.run_once(), 1U);
  const Report done = status(asked);
  EXPECT_EQ(done.status, ReportStatus::ready);
  EXPECT_EQ(done.attempts, 1);
  ASSERT_EQ(store_.objects.count(done.object_key), 1U);
  EXPECT_TRUE(store_.objects[done.object_key].bytes.starts_with("%PDF-"));
  EXPECT_EQ(service_.run_once(), 0U);  // nothing else to do
}

TEST_F(ReportServiceTest, AFailedAttemptIsRetriedLaterAndTheThirdFailureIsFinal) {
  const Report asked = ask(ReportFormat::csv);
  store_.broken = true;
  EXPECT_EQ(service_.run_once(), 1U);
  Report seen = status(asked);
  EXPECT_EQ(seen.status, ReportStatus::queued);
  EXPECT_EQ(seen.error, "the report could not be made (attempt 1)");
  EXPECT_EQ(service_.run_once(), 0U) << "a retry waits 30 s";
  now_ += 31s;
  EXPECT_EQ(service_.run_once(), 1U);
  EXPECT_EQ(status(asked).status, ReportStatus::queued);
  now_ += 61s;
  EXPECT_EQ(service_.run_once(), 1U);
  seen = status(asked);
  EXPECT_EQ(seen.status, ReportStatus::failed);
  EXPECT_EQ(seen.attempts, kMaxAttempts);
  EXPECT_EQ(seen.error, "the report could not be made (attempt 3)");
  EXPECT_TRUE(seen.finished_at.has_value());
  now_ += 1h;
  EXPECT_EQ(service_.run_once(), 0U) << "a failed job stays failed";
  EXPECT_EQ(service_.download(owner_, asked.id).error().code, Errc::report_not_ready);
}

TEST_F(ReportServiceTest, ARetryThatSucceedsIsReady) {
  const Report asked = ask();
  store_.broken = true;
  service_.run_once();
  store_.broken = false;
  now_ += 31s;
  EXPECT_EQ(service_.run_once(), 1U);
  EXPECT_EQ(status(asked).status, ReportStatus::ready);
  const auto file = service_.download(owner_, asked.id);
  ASSERT_TRUE(file.ok());
  EXPECT_EQ(file->content_type, "application/pdf");
}

TEST_F(ReportServiceTest, AJobInterruptedEveryTimeFailsInsteadOfRunningForever) {
  const Report asked = ask();
  // Three starts that each ended with the process: claimed, then handed back at the next start-up.
  for (int start = 0; start < kMaxAttempts; ++start) {
    ASSERT_TRUE(reports_.claim_next(to_seconds(now_), kLease, "this-worker").has_value());
    EXPECT_EQ(service_.recover(), 1U);
  }
  EXPECT_EQ(service_.run_once(), 1U);
  const Report seen = status(asked);
  EXPECT_EQ(seen.status, ReportStatus::failed);
  EXPECT_EQ(seen.error, "the report could not be made; please ask for it again");
}

TEST_F(ReportServiceTest, AHotelierHasAtMostFiveReportsOnTheWay) {
  for (std::size_t i = 0; i < kMaxUnfinished; ++i) ask();
  const auto refused = service_.request(owner_, {"2026-03-01", "2026-03-31", ReportFormat::pdf});
  ASSERT_FALSE(refused.ok());
  EXPECT_EQ(refused.error().code, Errc::rate_limited);
  EXPECT_EQ(refused.error().retry_after, std::chrono::seconds{30});
  EXPECT_EQ(service_.run_once(), 1U);  // one is ready: there is room again
  EXPECT_TRUE(service_.request(owner_, {"2026-03-01", "2026-03-31", ReportFormat::pdf}).ok());
}

TEST_F(ReportServiceTest, AJobWhoseWorkerDiedIsTakenOverOnceItsLeaseRunsOut) {
  const Report asked = ask();
  ASSERT_TRUE(reports_.claim_next(to_seconds(now_), kLease, "another-worker").has_value());  // it never finishes
  EXPECT_EQ(service_.recover(), 0U) << "another worker's job is not this one's to hand back at start-up";
  EXPECT_EQ(service_.run_once(), 0U);
  now_ += kLease + 1s;
  EXPECT_EQ(service_.run_once(), 1U);
  EXPECT_EQ(status(asked).status, ReportStatus::ready);
  EXPECT_EQ(status(asked).attempts, 2);
}

}  // namespace
}  // namespace hc::reports
