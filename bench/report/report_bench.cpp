// The `report` scenario of `make bench`: a hotel with 1,000 coupons and 365 days of counters for each, and the
// time a worker takes from picking the job up to a finished, stored PDF (and CSV): reading the counters,
// laying the report out and writing the file. Prints one table; results go to bench/results/report.json.
#include "../load/table.hpp"
#include "core/log.hpp"
#include "core/random.hpp"
#include "objects/fs_store.hpp"
#include "reports/service.hpp"
#include "storage/sqlite/coupon_repository.hpp"
#include "storage/sqlite/interaction_repository.hpp"
#include "storage/sqlite/migrate.hpp"
#include "storage/sqlite/pool.hpp"
#include "storage/sqlite/report_repository.hpp"
#include "storage/sqlite/schema.hpp"

#include <sys/resource.h>

#include <algorithm>
#include <cstdio>
#include <filesystem>
#include <fstream>
#include <random>

namespace {

using namespace hc;
using Stopwatch = std::chrono::steady_clock;

constexpr int kCoupons = 1000;
constexpr int kDays = 365;
constexpr int kRuns = 5;
constexpr std::string_view kOwner = "01BENCHOWNER00000000000000";
constexpr std::string_view kHotel = "01BENCHHOTEL00000000000000";

const LocalDate kLastDay{std::chrono::year{2026}, std::chrono::month{10}, std::chrono::day{31}};

LocalDate day_before(int days) { return LocalDate{std::chrono::sys_days{kLastDay} - std::chrono::days{days}}; }

// One hotelier, one hotel, 1,000 coupons and a year of counters for each, in one transaction.
void generate(sqlite::Connection& db) {
  sqlite::Transaction transaction(db);
  const std::string at = "2025-10-01T00:00:00Z";
  db.prepare("INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES (?, ?, ?, 'hotelier', '', ?)")
      .bind_all(kOwner, "bench@hotel.example", "Bench Owner", at).run();
  db.prepare("INSERT INTO hotels (id, owner_id, name, city, country, timezone, created_at) VALUES (?, ?, ?, ?, ?, ?, ?)")
      .bind_all(kHotel, kOwner, "Hotel Benchmark Bay", "Dublin", "Ireland", "Europe/Dublin", at).run();
  auto& coupon = db.prepare(
      "INSERT INTO coupons (id, hotel_id, title, discount_percent, quantity, valid_from, valid_until, valid_from_date, "
      "valid_until_date, status, created_at, updated_at) "
      "VALUES (?, ?, ?, ?, 1000000, ?, '2027-12-31T23:59:59Z', '2025-10-01', '2027-12-31', ?, ?, ?)");
  auto& counters = db.prepare(
      "INSERT INTO coupon_daily (coupon_id, day, views, clicks, shares, claims, uses) VALUES (?, ?, ?, ?, ?, ?, ?)");
  std::mt19937 rng(42);
  const std::array<const char*, 4> statuses{"active", "active", "paused", "archived"};
  for (int i = 0; i < kCoupons; ++i) {
    const std::string id = new_id();
    const std::string title = "Offer " + std::to_string(i + 1) + " — weekend rooms and breakfast";
    coupon.bind_all(id, kHotel, title, std::int64_t{5 + i % 60}, at, statuses[static_cast<std::size_t>(i) % 4], at, at)
        .run();
    coupon.reset();
    for (int d = 0; d < kDays; ++d) {
      const std::int64_t views = std::uniform_int_distribution<std::int64_t>(0, 60)(rng);
      const std::int64_t claims = views / 12;
      counters.bind_all(id, to_iso_date(day_before(d)), views, views / 4, views / 20, claims, claims / 2).run();
      counters.reset();
    }
  }
  transaction.commit();
}

struct Timing {
  std::string format;
  std::vector<double> seconds;
  std::int64_t bytes = 0;
  std::string object_key;  // the last file made, kept for a person to open
};

Timing measure(reports::ReportService& service, reports::ReportRepository& repository, reports::ReportFormat format) {
  const Principal owner{std::string(kOwner), Role::hotelier, "bench", {}};
  Timing timing{std::string(reports::to_string(format)), {}, 0, {}};
  for (int run = 0; run < kRuns; ++run) {
    const auto report = service.request(owner, {to_iso_date(day_before(kDays - 1)), to_iso_date(kLastDay), format});
    if (!report) throw std::runtime_error("the report request was refused");
    const auto started = Stopwatch::now();
    if (service.run_once() != 1) throw std::runtime_error("the worker found no job");
    timing.seconds.push_back(std::chrono::duration<double>(Stopwatch::now() - started).count());
    const auto done = repository.find_owned(report->id, kOwner);
    if (!done || done->status != reports::ReportStatus::ready) throw std::runtime_error("the report is not ready");
    timing.bytes = done->size_bytes;
    timing.object_key = done->object_key;
  }
  std::sort(timing.seconds.begin(), timing.seconds.end());
  return timing;
}

long peak_rss_kib() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

}  // namespace

int main(int argc, char** argv) {
  const std::filesystem::path results = argc > 1 ? argv[1] : "bench/results";
  const auto dir = std::filesystem::temp_directory_path() / ("hc-report-bench-" + random_token(6));
  std::filesystem::create_directories(dir);
  {
    sqlite::ConnectionPool pool({.path = (dir / "bench.db").string()}, 2);
    sqlite::apply_migrations(*pool.acquire(), sqlite::schema_migrations());
    const auto generating = Stopwatch::now();
    generate(*pool.acquire());
    const double generated = std::chrono::duration<double>(Stopwatch::now() - generating).count();
    sqlite::SqliteReportRepository repository(pool);
    sqlite::SqliteCouponRepository coupons(pool);
    sqlite::SqliteInteractionRepository interactions(pool);
    objects::FileObjectStore objects((dir / "objects").string());
    const Logger log = Logger::null();
    reports::ReportService service(repository, coupons, interactions, objects, &hc::Clock::now, log, "bench");
    const Timing pdf = measure(service, repository, reports::ReportFormat::pdf);
    const Timing csv = measure(service, repository, reports::ReportFormat::csv);

    std::printf("report: %d coupons x %d days of counters (%d rows, generated in %.1f s), %d runs each\n", kCoupons,
                kDays, kCoupons * kDays, generated, kRuns);
    std::vector<bench::Row> rows;
    for (const Timing& t : {pdf, csv}) {
      bench::Row row;
      row.scenario = "report";
      row.profile = "embedded";
      row.subject = "a year of counters to a stored " + t.format;
      const double median = t.seconds[t.seconds.size() / 2];
      row.rate = 1.0 / median;
      row.unit = "files/s";
      // Five runs: the slowest stands for the 99th percentile.
      row.latency = {median * 1000, t.seconds.back() * 1000, t.seconds.back() * 1000};
      row.server_peak_mib = static_cast<double>(peak_rss_kib()) / 1024.0;
      row.target = t.format == "pdf" ? bench::verdict("<= 1 s", t.seconds.back() <= 1.0) : "-";
      row.details = {{"runs", kRuns}, {"min_s", t.seconds.front()}, {"median_s", median}, {"max_s", t.seconds.back()},
                     {"bytes", t.bytes}, {"coupons", kCoupons}, {"days", kDays}, {"generated_s", generated}};
      rows.push_back(std::move(row));
    }
    bench::print_table(rows);
    std::filesystem::create_directories(results);
    std::ofstream(results / "report-sample.pdf", std::ios::binary) << objects.get(pdf.object_key)->bytes;
    bench::write_results(results, "report", rows);
  }
  std::filesystem::remove_all(dir);
  return 0;
}
