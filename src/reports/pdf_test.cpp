#include "reports/pdf.hpp"

#include "reports/pdf_chart.hpp"
#include "reports/pdf_format.hpp"
#include "reports/pdf_summary.hpp"

#include <gtest/gtest.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <memory>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

namespace hc::reports {
namespace {

using namespace std::chrono;
using interactions::Counts;

const std::array<const char*, 8> kTitles{"Spring weekend \u2014 20% off rooms",
                                         "Late checkout on Sundays",
                                         "Breakfast for two",
                                         "Spa afternoon \u2014 2 treatments for 1",
                                         "Midweek city break",
                                         "Family room upgrade",
                                         "Free parking for guests who book direct on our website this summer",
                                         "Welcome drink"};
const std::array<const char*, 5> kStatusCycle{"active", "active", "paused", "expired", "draft"};

LocalDate day_after(LocalDate day, int days) { return LocalDate{sys_days{day} + std::chrono::days{days}}; }

void add(Counts& total, const Counts& part) {
  total.views += part.views;
  total.claims += part.claims;
  total.uses += part.uses;
}

// Realistic figures: 10–500 views a day, about 5% claimed, about 60% of claims used.
Counts day_counts(int i) {
  const std::int64_t views = 10 + (i * 37 + 11) % 490;
  const std::int64_t claims = views * 5 / 100 + i % 3;
  return {views, views / 8, views / 20, claims, claims * 6 / 10};
}

std::vector<CouponLine> coupon_lines(std::size_t count, const Counts& totals) {
  std::vector<CouponLine> lines;
  for (std::size_t i = 0; i < count; ++i) {
    const auto n = static_cast<std::int64_t>(i);
    CouponLine line;
    line.id = "c" + std::to_string(i);
    line.title = kTitles[i % kTitles.size()];
    line.status = kStatusCycle[i % kStatusCycle.size()];
    line.discount_percent = static_cast<int>(5 + (i * 5) % 50);
    if (i % 3 != 0) line.quantity = 100 + n * 10;
    if (line.quantity) line.remaining = *line.quantity - n % 40;
    const std::int64_t share = static_cast<std::int64_t>(count) * 2;
    line.counts.views = totals.views * (1 + n % 4) / share;
    line.counts.claims = line.counts.views * (3 + n % 5) / 100;
    line.counts.uses = line.counts.claims * 6 / 10;
    lines.push_back(line);
  }
  if (count > 0) lines.back().status = "archived";
  return lines;
}

ReportContent sample(std::size_t coupons, int days = 31) {
  ReportContent content;
  content.hotel_name = "Hotel Dubl\u00EDn Bay";
  content.hotel_city = "Dublin";
  content.timezone = "Europe/Dublin";
  content.from = 2026y / March / 1;
  content.to = day_after(content.from, days - 1);
  content.previous_from = day_after(content.from, -days);
  content.previous_to = day_after(content.from, -1);
  content.generated_at = "2026-11-22 14:03";
  for (int i = 0; i < days; ++i) {
    content.daily.push_back({day_after(content.from, i), day_counts(i)});
    add(content.totals, content.daily.back().counts);
    add(content.previous_totals, day_counts(i + 7));
  }
  content.coupons = coupon_lines(coupons, content.totals);
  return content;
}

ReportContent empty_sample(std::size_t coupons) {
  ReportContent content = sample(coupons);
  content.totals = {};
  for (auto& day : content.daily) day.counts = {};
  for (auto& line : content.coupons) line.counts = {};
  return content;
}

// A person looks at the PDFs by setting HC_TEST_ARTIFACTS to a folder.
RenderedPdf render_and_keep(const ReportContent& content, const std::string& name) {
  RenderedPdf pdf = render_pdf(content);
  if (const char* folder = std::getenv("HC_TEST_ARTIFACTS")) {
    std::filesystem::create_directories(folder);
    std::ofstream{std::filesystem::path{folder} / name, std::ios::binary} << pdf.bytes;
  }
  return pdf;
}

void expect_pdf(const RenderedPdf& pdf) {
  EXPECT_EQ(pdf.bytes.substr(0, 5), "%PDF-");
  EXPECT_NE(pdf.bytes.find("%%EOF"), std::string::npos);
  EXPECT_GE(pdf.pages, 1);
}

// What `pdftotext -layout` makes of the PDF (how readers copy figures out of it).
std::string extracted_text(const std::string& pdf) {
  if (std::system("command -v pdftotext > /dev/null 2>&1") != 0) {
    ADD_FAILURE() << "pdftotext is missing: scripts/install-deps --test installs poppler-utils";
    return {};
  }
  const std::string path = testing::TempDir() + "hc_pdf_text_test.pdf";
  std::ofstream{path, std::ios::binary} << pdf;
  const std::unique_ptr<FILE, int (*)(FILE*)> pipe{popen(("pdftotext -layout '" + path + "' -").c_str(), "r"),
                                                   pclose};
  std::string text;
  char buffer[4096];
  while (pipe && std::fgets(buffer, sizeof buffer, pipe.get()) != nullptr) text += buffer;
  std::filesystem::remove(path);
  return text;
}

// True if one line of `text` starts with parts[0] and holds the other parts after it, in order.
bool has_line(const std::string& text, const std::vector<std::string>& parts) {
  std::istringstream lines{text};
  for (std::string line; std::getline(lines, line);) {
    std::size_t at = line.find_first_not_of(' ');
    if (at == std::string::npos || line.compare(at, parts[0].size(), parts[0]) != 0) continue;
    for (const std::string& part : parts) at = at == std::string::npos ? at : line.find(part, at);
    if (at != std::string::npos) return true;
  }
  return false;
}

TEST(PdfFormat, WritesNumbersForReaders) {
  using namespace detail;
  EXPECT_EQ(format_count(0), "0");
  EXPECT_EQ(format_count(999), "999");
  EXPECT_EQ(format_count(12345), "12,345");
  EXPECT_EQ(format_count(1234567), "1,234,567");
  EXPECT_EQ(format_rate(0.125), "12.5%");
  EXPECT_EQ(format_rate(std::nullopt), "\u2014");
  EXPECT_EQ(format_quantity(std::nullopt), "\u221E");
  EXPECT_EQ(format_quantity(1500), "1,500");
}

TEST(PdfFormat, WritesChanges) {
  using namespace detail;
  EXPECT_EQ(count_change(1234, 1000).text, "+23.4%");
  EXPECT_EQ(count_change(1234, 1000).trend, Trend::up);
  EXPECT_EQ(count_change(95, 100).text, "\u22125.0%");
  EXPECT_EQ(count_change(95, 100).trend, Trend::down);
  EXPECT_EQ(count_change(100, 100).text, "0.0%");
  EXPECT_EQ(count_change(5, 0).text, "new");
  EXPECT_EQ(count_change(0, 0).text, "\u2014");
  EXPECT_EQ(rate_change(0.146, 0.125).text, "+2.1 pp");
  EXPECT_EQ(rate_change(0.1, 0.104).text, "\u22120.4 pp");
  EXPECT_EQ(rate_change(std::nullopt, 0.1).text, "\u2014");
}

TEST(PdfFormat, WritesDatesInEnglish) {
  using namespace detail;
  EXPECT_EQ(format_date(2026y / March / 1), "1 Mar 2026");
  EXPECT_EQ(format_period(2026y / March / 1, 2026y / March / 31), "1 Mar 2026 \u2013 31 Mar 2026 (31 days)");
  EXPECT_EQ(format_period(2026y / March / 1, 2026y / March / 1), "1 Mar 2026 \u2013 1 Mar 2026 (1 day)");
  EXPECT_EQ(format_month(2027y / January / 1), "Jan 2027");
}

TEST(PdfChart, AxesAreRoundAndReachTheMaximum) {
  using namespace detail;
  for (const std::int64_t max : {0, 1, 3, 7, 48, 487, 1234, 99999}) {
    const Axis axis = nice_axis(max, 4);
    EXPECT_GE(axis.top(), max);
    EXPECT_GE(axis.ticks, 1);
    EXPECT_LE(axis.ticks, 6);
    const Axis right = axis_with_ticks(max / 20, axis.ticks);
    EXPECT_EQ(right.ticks, axis.ticks);
    EXPECT_GE(right.top(), max / 20);
  }
  EXPECT_EQ(nice_axis(487, 4).step, 200);
  EXPECT_EQ(nice_axis(40, 4).step, 10);
}

TEST(PdfChart, LabelsStaySparse) {
  using namespace detail;
  for (const int days : {1, 7, 31, 90, 366}) {
    const ReportContent content = sample(0, days);
    const auto labels = day_labels(content.daily);
    EXPECT_GE(labels.size(), days >= 31 ? 4U : 1U) << days;
    EXPECT_LE(labels.size(), 13U) << days;
  }
}

TEST(PdfSummary, RanksTopCouponsByClaimsThenViewsThenTitle) {
  std::vector<CouponLine> lines(12);
  for (std::size_t i = 0; i < lines.size(); ++i) {
    lines[i].title = "T" + std::to_string(i);
    lines[i].counts = {static_cast<std::int64_t>(10 + i), 0, 0, static_cast<std::int64_t>(i % 4), 0};
  }
  lines[1].counts = {};  // nothing happened: not a "top" coupon
  const auto top = detail::top_coupons(lines, 10);
  ASSERT_EQ(top.size(), 10U);
  EXPECT_EQ(top[0]->title, "T11");  // 3 claims, most views
  EXPECT_EQ(top[1]->title, "T7");
  for (const CouponLine* line : top) EXPECT_NE(line->title, "T1");
  EXPECT_EQ(detail::status_counts(coupon_lines(10, {})), (std::array<std::int64_t, 5>{4, 2, 1, 2, 1}));
}

TEST(PdfRender, SmallReportIsAShortPdf) {
  const RenderedPdf pdf = render_and_keep(sample(5), "pdf_sample.pdf");
  expect_pdf(pdf);
  EXPECT_LE(pdf.pages, 3);
  EXPECT_NE(pdf.bytes.find("DejaVuSans"), std::string::npos);
}

TEST(PdfRender, ManyCouponsFlowOverMorePages) {
  const RenderedPdf small = render_pdf(sample(5));
  const RenderedPdf large = render_and_keep(sample(300), "pdf_300.pdf");
  expect_pdf(large);
  EXPECT_GT(large.pages, small.pages + 3);
}

TEST(PdfRender, EmptyPeriodRenders) {
  const RenderedPdf with_coupons = render_and_keep(empty_sample(12), "pdf_empty.pdf");
  expect_pdf(with_coupons);
  EXPECT_EQ(with_coupons.pages, 1);
  ReportContent nothing = empty_sample(0);
  nothing.previous_totals = {};
  const RenderedPdf without = render_and_keep(nothing, "pdf_empty_no_coupons.pdf");
  expect_pdf(without);
  EXPECT_EQ(without.pages, 1);
}

TEST(PdfRender, OneDayAndAYearRender) {
  expect_pdf(render_and_keep(sample(3, 1), "pdf_1_day.pdf"));
  expect_pdf(render_and_keep(sample(40, 366), "pdf_366_days.pdf"));
}

TEST(PdfRender, WeirdStringsRender) {
  ReportContent content = sample(6);
  content.hotel_name = std::string(400, 'W') + " <b>&amp;";
  content.hotel_city = "\xC3\x28 broken\ncity";
  content.coupons[0].title = std::string(2000, 'x');
  content.coupons[1].title = "<b>& bold</b> \xF0\x9F\x8F\xA8\xF0\x9F\x8E\x89 emoji";
  content.coupons[2].title = "invalid \xFF\xFE utf-8\t\x01";
  content.coupons[3].title = "";
  content.coupons[4].status = "mystery";
  content.coupons[5].quantity = 9'000'000'000'000'000'000;
  expect_pdf(render_and_keep(content, "pdf_weird.pdf"));
}

TEST(PdfText, EachTableRowIsOneLineOfText) {
  ReportContent content = sample(5);
  content.totals = {1234, 0, 0, 62, 37};
  content.previous_totals = {1000, 0, 0, 50, 30};
  const std::string text = extracted_text(render_pdf(content).bytes);
  ASSERT_FALSE(text.empty());
  EXPECT_TRUE(has_line(text, {"Figure", "This period", "Previous period", "Change"})) << text;
  EXPECT_TRUE(has_line(text, {"Views", "1,234", "1,000", "\u25B2 +23.4%"})) << text;
  EXPECT_TRUE(has_line(text, {"Claims", "62", "50", "\u25B2 +24.0%"})) << text;
  EXPECT_TRUE(has_line(text, {"Uses", "37", "30", "\u25B2 +23.3%"})) << text;
  EXPECT_TRUE(has_line(text, {"Claim rate", "5.0%", "5.0%", "0.0 pp"})) << text;
  EXPECT_TRUE(has_line(text, {"Use rate", "59.7%", "60.0%", "\u25BC \u22120.3 pp"})) << text;
  EXPECT_TRUE(has_line(text, {"Title", "Status", "Discount", "Qty", "Left", "Views", "Claims", "Uses", "Claim rate",
                              "Use rate"}));
  for (const CouponLine& line : content.coupons) {
    EXPECT_TRUE(has_line(text, {line.title, detail::status_label(line.status),
                                std::to_string(line.discount_percent) + "%", detail::format_quantity(line.quantity),
                                detail::format_quantity(line.remaining), detail::format_count(line.counts.views),
                                detail::format_count(line.counts.claims), detail::format_count(line.counts.uses),
                                detail::format_rate(claim_rate(line.counts)),
                                detail::format_rate(use_rate(line.counts))}))
        << line.title;
  }
  EXPECT_TRUE(has_line(text, {"Hotel Coupon \u00B7 Hotel Dubl\u00EDn Bay", "Page 1 of 2"}));
}

TEST(PdfText, ContinuationPagesRepeatTheHeaderRow) {
  const RenderedPdf pdf = render_pdf(sample(300));
  const std::string text = extracted_text(pdf.bytes);
  ASSERT_FALSE(text.empty());
  std::size_t continued = 0;
  std::size_t headers = 0;
  for (std::size_t at = 0; (at = text.find("Coupons (continued)", at)) != std::string::npos; ++at) ++continued;
  for (std::size_t at = 0; (at = text.find("Claim rate    Use rate", at)) != std::string::npos; ++at) ++headers;
  EXPECT_EQ(continued, static_cast<std::size_t>(pdf.pages - 2));
  EXPECT_EQ(headers, static_cast<std::size_t>(pdf.pages - 1));
  const std::string pages = std::to_string(pdf.pages);
  EXPECT_NE(text.find("Page " + pages + " of " + pages), std::string::npos);
}

}  // namespace
}  // namespace hc::reports
