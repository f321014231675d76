// report: a hotel with 1,000 coupons and 365 days of counters for each; the hotelier asks for the year's report
// over HTTP as the dashboard does (POST /hotelier/reports), reads its status until it is ready, and downloads the
// file. The time is from the POST to the last byte of the file: the wait for a worker, reading the counters,
// laying the report out, storing it and serving it.
#include "dataset.hpp"
#include "scenarios.hpp"

#include "core/timezone.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <algorithm>
#include <fstream>
#include <thread>

namespace hc::bench {
namespace {

using Clock = std::chrono::steady_clock;
using verb = boost::beast::http::verb;

constexpr int kDays = 365;
constexpr auto kPollEvery = std::chrono::milliseconds(10);
constexpr auto kGiveUpAfter = std::chrono::seconds(120);
constexpr double kTargetSeconds = 1.0;

struct Size {
  int coupons = 1000;
  int runs = 5;  // per format
};

LocalDate days_before(LocalDate day, int days) {
  return LocalDate{std::chrono::sys_days{day} - std::chrono::days{days}};
}

// A year of counters for each coupon, made up but the same on every run and engine. The repositories add counters
// event by event (that is what the fold does), so these rows are written as plain SQL, one coupon per statement.
// The coupons are made a year old, since a report lists a coupon's days from its creation on.
void add_year_of_counters(Stage& stage, const std::vector<std::string>& coupons, LocalDate last_day) {
  const std::string created = to_rfc3339(std::chrono::sys_days{days_before(last_day, kDays)});
  std::string script = "BEGIN;\n";
  for (std::size_t c = 0; c < coupons.size(); ++c) {
    script += "UPDATE coupons SET created_at = '" + created + "' WHERE id = '" + coupons[c] + "';\n";
    script += "INSERT INTO coupon_daily (coupon_id, day, views, clicks, shares, claims, uses) VALUES ";
    for (int d = 0; d < kDays; ++d) {
      const auto views = static_cast<int>((c * 131 + static_cast<std::size_t>(d) * 17) % 61);
      const int claims = views / 12;
      script += (d == 0 ? "('" : ", ('") + coupons[c] + "', '" + to_iso_date(days_before(last_day, d)) + "', " +
                std::to_string(views) + ", " + std::to_string(views / 4) + ", " + std::to_string(views / 20) + ", " +
                std::to_string(claims) + ", " + std::to_string(claims / 2) + ")";
    }
    script += ";\n";
  }
  stage.execute(script + "COMMIT;");
}

struct Made {
  double seconds = 0;
  std::string file;
};

// Asks for one report and waits for its file; throws if the server refuses or the report fails.
Made make_report(std::uint16_t port, const std::string& token, LocalDate last_day, const std::string& format) {
  const boost::json::object ask{
      {"from", to_iso_date(days_before(last_day, kDays - 1))}, {"to", to_iso_date(last_day)}, {"format", format}};
  const auto started = Clock::now();
  const Answer queued = fetch(port, {"/api/v1/hotelier/reports", token, verb::post, boost::json::serialize(ask)});
  if (queued.status != 202) throw std::runtime_error("report request answered " + std::to_string(queued.status));
  const std::string id(boost::json::parse(queued.body).at("report").at("id").as_string());
  for (;;) {
    const Answer state = fetch(port, {"/api/v1/hotelier/reports/" + id, token});
    const std::string status(boost::json::parse(state.body).at("status").as_string());
    if (status == "ready") break;
    if (status == "failed") throw std::runtime_error("the report failed: " + state.body);
    if (Clock::now() - started > kGiveUpAfter) throw std::runtime_error("the report was not ready in time");
    std::this_thread::sleep_for(kPollEvery);
  }
  Answer file = fetch(port, {"/api/v1/hotelier/reports/" + id + "/download", token});
  if (file.status != 200 || file.body.empty())
    throw std::runtime_error("download answered " + std::to_string(file.status));
  return {std::chrono::duration<double>(Clock::now() - started).count(), std::move(file.body)};
}

// The last PDF is kept for a person to open: bench/results/report-sample-<profile>.pdf.
void keep_sample(const Stage& stage, const std::string& pdf) {
  std::filesystem::create_directories(stage.options().results);
  const auto name = "report-sample-" + std::string(name_of(stage.profile())) + ".pdf";
  std::ofstream(stage.options().results / name, std::ios::binary) << pdf;
}

Row measure_format(Stage& stage, const std::string& token, LocalDate last_day, const std::string& format,
                   const Size& size) {
  const double cpu_before = stage.server().usage().cpu_seconds;
  Measured measured;
  std::vector<double> seconds;
  Made made;
  for (int run = 0; run < size.runs; ++run) {
    made = make_report(stage.server().port(), token, last_day, format);
    seconds.push_back(made.seconds);
    measured.load.latencies.add(static_cast<std::uint32_t>(made.seconds * 1e6));
  }
  const ProcessUsage usage = stage.server().usage();
  measured.server_cpu_seconds = usage.cpu_seconds - cpu_before;
  measured.server_peak_mib = usage.peak_rss_mib;
  measured.load.requests = static_cast<std::uint64_t>(size.runs);
  std::ranges::sort(seconds);
  const double median = seconds[seconds.size() / 2];
  if (format == "pdf" && made.file.rfind("%PDF-", 0) != 0) throw std::runtime_error("the download is not a PDF");

  Row row = stage.row("report", "a year of counters: POST to downloaded " + format, 1.0 / median, "files/s", measured);
  row.target = format == "pdf" ? verdict("<= 1 s", seconds.back() <= kTargetSeconds) : "-";
  row.details = {{"runs", size.runs},         {"median_s", median},      {"max_s", seconds.back()},
                 {"bytes", made.file.size()}, {"coupons", size.coupons}, {"days", kDays}};
  if (format == "pdf") keep_sample(stage, made.file);
  return row;
}

}  // namespace

std::vector<Row> run_report(const Options& options) {
  const Size size = options.quick ? Size{50, 1} : Size{};
  std::vector<Row> rows;
  for (const Profile profile : options.profiles) {
    Stage stage(options, profile);
    progress("report (" + std::string(name_of(profile)) + "): " + std::to_string(size.coupons) + " coupons x " +
             std::to_string(kDays) + " days of counters");
    const GeneratedHotel hotel = add_hotels(stage.database(), 1).front();
    std::vector<std::string> coupons;
    for (int i = 0; i < size.coupons; ++i)
      coupons.push_back(add_coupon(stage.database(), hotel, std::nullopt, "active"));
    const LocalDate today = local_date(kGeneratedZone, to_seconds(hc::Clock::now())).value_or(LocalDate{});
    add_year_of_counters(stage, coupons, today);
    const std::string token = stage.tokens().token_for(hotel.owner_id, Role::hotelier);
    stage.start();
    for (const std::string format : {"pdf", "csv"}) rows.push_back(measure_format(stage, token, today, format, size));
  }
  return rows;
}

}  // namespace hc::bench
