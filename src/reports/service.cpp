#include "reports/service.hpp"

#include "core/circuit_breaker.hpp"
#include "coupons/rules.hpp"
#include "core/paging.hpp"
#include "core/random.hpp"
#include "core/storage_full.hpp"
#include "core/text.hpp"
#include "interactions/period.hpp"
#include "notifications/events.hpp"
#include "reports/csv.hpp"
#include "reports/filename.hpp"
#include "reports/pdf.hpp"

#include <map>

namespace hc::reports {
namespace {

// A failed attempt waits 30 s, then 60 s, before the next.
constexpr std::chrono::seconds kFirstRetryDelay{30};
// A job whose file cannot be stored looks again after this (or the breaker's Retry-After, if longer), without
// spending an attempt, until it is this old; then its attempts count again, so an outage cannot keep it forever.
constexpr std::chrono::seconds kDependencyRecheck{5};
constexpr std::chrono::hours kLongestWaitForADependency{1};

std::string object_key_of(const Report& report) {
  return "reports/" + ascii_lower(report.id) + "." + std::string(extension_of(report.format));
}

// Every coupon as the report lists it, without figures yet.
std::vector<CouponLine> coupon_lines(const std::vector<coupons::Coupon>& all, std::string_view timezone, SysSeconds now) {
  std::vector<CouponLine> lines;
  lines.reserve(all.size());
  for (const coupons::Coupon& c : all) {
    lines.push_back({c.id, c.title, std::string(coupons::visible_status(c, now)), c.discount_percent, c.quantity,
                     coupons::remaining(c), local_date(timezone, c.created_at).value_or(LocalDate{}), {}});
  }
  return lines;
}

void add_counts(std::vector<CouponLine>& lines, const std::vector<interactions::CouponCounts>& counted) {
  std::map<std::string_view, const interactions::Counts*> counts_of;
  for (const auto& coupon : counted) counts_of[coupon.coupon_id] = &coupon.counts;
  for (CouponLine& line : lines) {
    if (const auto found = counts_of.find(line.id); found != counts_of.end()) line.counts = *found->second;
  }
}

}  // namespace

Result<Report, Error> ReportService::request(const Principal& hotelier, const ReportRequest& request) {
  const auto hotel = coupons_.hotel_of_owner(hotelier.user_id);
  if (!hotel) return Failure{make_error(Errc::forbidden)};
  const LocalDate today = local_date(hotel->timezone, now()).value_or(LocalDate{});
  auto period = interactions::read_period(request.from, request.to, today);
  if (!period) return Failure{period.error()};
  Report report;
  report.id = new_id();
  report.owner_id = hotelier.user_id;
  report.hotel_id = hotel->id;
  report.from = period->from;
  report.to = period->to;
  report.format = request.format;
  report.created_at = now();
  if (!reports_.insert(report, kMaxUnfinished)) {
    Error busy = make_error(Errc::rate_limited);
    busy.message = "You already have " + std::to_string(kMaxUnfinished) + " reports on the way; ask again when one is ready";
    busy.retry_after = std::chrono::seconds{30};
    return Failure{std::move(busy)};
  }
  log_.info("report queued", {{"report_id", report.id}, {"format", to_string(report.format)}});
  return report;
}

Result<Report, Error> ReportService::find(const Principal& hotelier, std::string_view report_id) {
  auto report = is_valid_id(report_id) ? reports_.find_owned(report_id, hotelier.user_id) : std::nullopt;
  if (!report) return Failure{make_error(Errc::not_found)};
  return std::move(*report);
}

Result<ReportPage, Error> ReportService::list(const Principal& hotelier, const std::optional<std::string>& cursor,
                                              std::size_t limit) {
  if (cursor && !is_valid_id(*cursor)) return Failure{validation_error({{"cursor", "is not a cursor this list returned"}})};
  ReportPage page{reports_.list(hotelier.user_id, cursor, limit + 1), std::nullopt};
  page.next_cursor = trim_page(page.items, limit, [](const Report& last) { return last.id; });
  return page;
}

Result<ReportFile, Error> ReportService::download(const Principal& hotelier, std::string_view report_id) {
  auto report = find(hotelier, report_id);
  if (!report) return Failure{report.error()};
  if (report->status != ReportStatus::ready) return Failure{make_error(Errc::report_not_ready)};
  auto object = objects_.get(report->object_key);
  const auto hotel = coupons_.hotel_of_owner(hotelier.user_id);
  if (!object || !hotel) {
    log_.error("report file missing", {{"report_id", report->id}});
    return Failure{make_error(Errc::not_found)};
  }
  return ReportFile{std::move(object->bytes), std::string(content_type_of(report->format)),
                    content_disposition(hotel->name, report->from, report->to, extension_of(report->format))};
}

std::size_t ReportService::recover() {
  const std::size_t released = reports_.release_running(now(), worker_);
  if (released > 0) log_.info("report jobs resumed after a restart", {{"jobs", std::uint64_t{released}}});
  return released;
}

std::size_t ReportService::run_once() {
  auto report = reports_.claim_next(now(), kLease, worker_);
  if (!report) return 0;
  run(*report);
  return 1;
}

void ReportService::run(Report& report) {
  const auto hotel = coupons_.hotel_of_owner(report.owner_id);
  if (!hotel || hotel->id != report.hotel_id) {
    reports_.mark_failed(report, "the hotel no longer exists", now());
    return;
  }
  if (report.attempts > kMaxAttempts) {
    // Each earlier start ended with the process (a crash while rendering): do not try a fourth time.
    reports_.mark_failed(report, "the report could not be made; please ask for it again", now());
    log_.error("report failed for good", {{"report_id", report.id}, {"reason", "interrupted too often"}});
    return;
  }
  try {
    const std::string file = render(report, *hotel);
    // The key is the job's own, so a second run after a crash replaces the file rather than adding one.
    report.object_key = object_key_of(report);
    report.size_bytes = static_cast<std::int64_t>(file.size());
    objects_.put(report.object_key, file, content_type_of(report.format));
    const auto event = notifications::report_ready(report.owner_id, report.id, to_iso_date(report.from),
                                                   to_iso_date(report.to), std::string(to_string(report.format)));
    if (reports_.mark_ready(report, event, now())) {
      log_.info("report ready", {{"report_id", report.id}, {"bytes", report.size_bytes}});
    }
  } catch (const DependencyUnavailable& e) {
    if (now() - report.created_at >= kLongestWaitForADependency) return fail_attempt(report, e);
    // The file could not be stored: the job waits for the store to come back, without spending an attempt.
    log_.warn("report waits for a dependency", {{"report_id", report.id}, {"what", std::string_view(e.what())}});
    reports_.postpone(report, "waiting for the " + e.dependency(),
                      now() + std::max(e.retry_after(), kDependencyRecheck));
  } catch (const std::exception& e) {
    if (!is_storage_full(e) || now() - report.created_at >= kLongestWaitForADependency) return fail_attempt(report, e);
    // The disk is full: like a store that is down, the job waits for space without spending an attempt. (If
    // even this write is refused, the job stays leased and is taken up again when its lease runs out.)
    log_.warn("report waits for disk space", {{"report_id", report.id}, {"what", std::string_view(e.what())}});
    reports_.postpone(report, "waiting for disk space", now() + std::max(kStorageFullRetryAfter, kDependencyRecheck));
  }
}

void ReportService::fail_attempt(Report& report, const std::exception& cause) {
  log_.error("report attempt failed", {{"report_id", report.id}, {"attempt", std::int64_t{report.attempts}},
                                       {"what", std::string_view(cause.what())}});
  const std::string reason = "the report could not be made (attempt " + std::to_string(report.attempts) + ")";
  if (report.attempts >= kMaxAttempts) {
    reports_.mark_failed(report, reason, now());
  } else {
    reports_.retry_later(report, reason, now() + kFirstRetryDelay * (1 << (report.attempts - 1)));
  }
}

std::string ReportService::render(const Report& report, const coupons::HotelRef& hotel) {
  const SysSeconds at = now();
  std::vector<CouponLine> lines = coupon_lines(coupons_.all_for_hotel(hotel.id), hotel.timezone, at);
  // The CSV needs only the counters per coupon and day; the PDF needs the figures of the period and the one before.
  if (report.format == ReportFormat::csv) {
    return render_csv(report.from, report.to, lines, interactions_.per_coupon_day(hotel.id, report.from, report.to));
  }
  return render_pdf(gather(hotel, {report.from, report.to}, std::move(lines), at)).bytes;
}

ReportContent ReportService::gather(const coupons::HotelRef& hotel, const interactions::Period& period,
                                    std::vector<CouponLine> lines, SysSeconds at) {
  const interactions::Period previous = period.previous();
  auto [days, totals] = interactions::read_daily(interactions_, hotel.id, period);
  add_counts(lines, interactions_.per_coupon(hotel.id, period.from, period.to));
  ReportContent content;
  content.hotel_name = hotel.name;
  content.hotel_city = hotel.city;
  content.timezone = hotel.timezone;
  content.from = period.from;
  content.to = period.to;
  content.previous_from = previous.from;
  content.previous_to = previous.to;
  content.generated_at = local_time_text(hotel.timezone, at).value_or(to_rfc3339(at));
  content.totals = totals;
  content.previous_totals = interactions::read_daily(interactions_, hotel.id, previous).totals;
  content.daily = std::move(days);
  content.coupons = std::move(lines);
  return content;
}

}  // namespace hc::reports
