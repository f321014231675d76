// Reports: asked for over the API, rendered in the background, read back the way a person would — the PDF
// through poppler's pdftotext and pdfinfo (its pages also kept as PNGs for a person to look at), the CSV as a
// spreadsheet would parse it.
#include "data_dir.hpp"
#include "redemption_fixture.hpp"
#include "reports_support.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <chrono>
#include <optional>
#include <regex>
#include <thread>

namespace hc::test {
namespace {

using namespace std::chrono_literals;
using boost::beast::http::verb;

class Reports : public RedemptionApiTest {
 protected:
  HttpResult ask(const std::string& token, const json::object& body, const Headers& extra = {}) {
    return send_with(verb::post, "/api/v1/hotelier/reports", json::serialize(body), token, extra);
  }

  //! Asks for a report and waits until it is ready (or failed, or 30 s passed); returns the last status body.
  json::object ask_and_wait(const std::string& token, const json::object& body) {
    const auto asked = ask(token, body);
    EXPECT_EQ(asked.status, 202u) << asked.body;
    if (asked.status != 202u) return {};
    return wait_finished(token, json_text(asked.json(), "/report/id"));
  }

  json::object wait_finished(const std::string& token, const std::string& id) {
    json::object report;
    eventually(30s, 50ms, [&] {
      report = get("/api/v1/hotelier/reports/" + id, token).json().as_object();
      const auto status = report.at("status").as_string();
      return status == "ready" || status == "failed";
    });
    return report;
  }

  HttpResult download(const std::string& token, const json::object& report) {
    return get(std::string(report.at("download_url").as_string()), token);
  }

  //! Sends a batch of views (at most 500), each at `at` (RFC 3339) if given.
  void views(const std::string& token, const std::string& coupon_id, int count, const std::string& at = {}) {
    json::array events;
    for (int i = 0; i < count; ++i) {
      json::object event{{"id", "e" + std::to_string(++sent_)}, {"coupon_id", coupon_id}, {"action", "view"}};
      if (!at.empty()) event["at"] = at;
      events.push_back(std::move(event));
    }
    ASSERT_EQ(send(verb::post, "/api/v1/interactions", json::serialize(json::object{{"events", events}}), token).status,
              202u);
  }
  int sent_ = 0;  // event ids, unique per test
};

json::object period(const std::string& from, const std::string& to, const std::string& format) {
  return {{"from", from}, {"to", to}, {"format", format}};
}

//! The report ids of the report.ready notifications on an inbox page, in its order.
std::vector<std::string> announced_reports(const json::value& inbox) {
  std::vector<std::string> ids;
  for (const auto& n : inbox.at("items").as_array()) {
    if (n.at("kind") == "report.ready") ids.push_back(json_text(n, "/data/report_id"));
  }
  return ids;
}

std::string offer_title(int number) {
  char title[32];
  std::snprintf(title, sizeof title, "Offer number %03d", number);
  return title;
}

//! Creates active coupons "Offer number 001".. and gives each one view; returns their ids.
std::vector<std::string> busy_hotel(const HttpClient& client, const std::string& hotelier, const std::string& traveller,
                                    int coupons) {
  std::vector<std::string> ids;
  json::array events;
  for (int i = 1; i <= coupons; ++i) {
    const auto made = client.post("/api/v1/coupons",
                                  json::serialize(coupon_body(offer_title(i), 5 + i % 60, {{"status", "active"}})), hotelier);
    EXPECT_EQ(made.status, 201u) << made.body;
    ids.push_back(json_text(made.json(), "/id"));
    events.push_back(json::object{{"id", "v-" + ids.back()}, {"coupon_id", ids.back()}, {"action", "view"}});
  }
  EXPECT_EQ(client.post("/api/v1/interactions", json::serialize(json::object{{"events", events}}), traveller).status,
            202u);
  return ids;
}

TEST_F(Reports, ThePdfShowsTheSameFiguresAsTheStats) {
  const Hotelier hotel = owner("owner@dublin.example", "Olive Owner", {.name = "Hotel Dublín Bay"});
  const Traveller ada = guest("ada@example.com", "Ada");
  const Traveller bob = guest("bob@example.com", "Bob");
  const std::string brunch = create_active(hotel.token, "Rooftop brunch", 20, {{"quantity", 50}});
  const std::string spa = create_active(hotel.token, "Spa afternoon", 35);
  const std::string late = create_active(hotel.token, "Late checkout", 10, {{"quantity", 5}});
  // Views over the last days, claims by two guests, one use at the desk.
  const auto now = std::chrono::system_clock::now();
  views(ada.token, brunch, 40);
  views(ada.token, brunch, 25, rfc3339(now - 48h));
  views(bob.token, spa, 30, rfc3339(now - 72h));
  views(bob.token, late, 7);
  const auto ada_claim = redeem_ok(ada.token, brunch);
  redeem_ok(bob.token, brunch);
  redeem_ok(bob.token, spa);
  ASSERT_EQ(use(hotel.token, std::string(ada_claim.at("code").as_string())).status, 200u);

  const std::string to = local_date_string(now, 0s, 1);  // tomorrow in UTC covers today in Dublin
  const std::string from = local_date_string(now, 0s, -28);
  const std::string query = "from=" + from + "&to=" + to;
  const auto stats = stats_when(hotel.token, 102, 1, query, 10s);
  ASSERT_EQ(stats.at("totals").at("views").as_int64(), 102) << json::serialize(stats);

  const auto report = ask_and_wait(hotel.token, period(from, to, "pdf"));
  ASSERT_EQ(report.at("status").as_string(), "ready") << json::serialize(report);
  const auto file = download(hotel.token, report);
  ASSERT_EQ(file.status, 200u);
  EXPECT_EQ(file.header("Content-Type"), "application/pdf");
  EXPECT_EQ(file.header("Content-Disposition"),
            "attachment; filename=\"hotel-dublin-bay-" + from + "-to-" + to + ".pdf\"; filename*=UTF-8''Hotel%20Dubl%C3%ADn%20Bay%20" +
                from + "-to-" + to + ".pdf");
  ASSERT_TRUE(file.body.starts_with("%PDF-"));

  const PdfFile pdf(file.body, "figures");
  EXPECT_EQ(pdf.info("Page size"), "595.276 x 841.89 pts (A4)");
  EXPECT_NE(pdf.fonts().find("DejaVuSans"), std::string::npos) << pdf.fonts();
  const std::string text = pdf.text();
  EXPECT_NE(text.find("Hotel Dublín Bay"), std::string::npos);
  EXPECT_NE(text.find("Europe/Dublin"), std::string::npos);
  // The headline equals the stats: views, claims (the API's "redemptions") and uses.
  const auto& totals = stats.at("totals");
  EXPECT_EQ(headline(text, "Views"), thousands(totals.at("views").as_int64()));
  EXPECT_EQ(headline(text, "Claims"), thousands(totals.at("redemptions").as_int64()));
  EXPECT_EQ(headline(text, "Uses"), thousands(totals.at("uses").as_int64()));
  EXPECT_EQ(headline(text, "Claim rate"), "2.9%");  // 3 claims / 102 views
  EXPECT_EQ(headline(text, "Use rate"), "33.3%");   // 1 use / 3 claims
  // Each coupon's row equals its stats.
  for (const auto& entry : stats.at("coupons").as_array()) {
    const auto& c = entry.as_object();
    const auto row = coupon_row(text, std::string(c.at("title").as_string()));
    ASSERT_EQ(row.size(), 3u) << "no row for " << c.at("title") << " in:\n" << text;
    EXPECT_EQ(row[0], thousands(c.at("views").as_int64()));
    EXPECT_EQ(row[1], thousands(c.at("redemptions").as_int64()));
    EXPECT_EQ(row[2], thousands(c.at("uses").as_int64()));
  }
  EXPECT_GE(pdf.save_pngs(), 1);
}

TEST_F(Reports, ThreeHundredCouponsMakeAMultiPageTableWithItsHeaderOnEachPage) {
  const Hotelier hotel = owner("owner@big.example", "Olive Owner", {.name = "Grand Hotel"});
  const Traveller ada = guest("ada@example.com", "Ada");
  busy_hotel(client, hotel.token, ada.token, 300);
  const auto now = std::chrono::system_clock::now();
  const std::string from = local_date_string(now, 0s, -6);
  const std::string to = local_date_string(now, 0s, 1);
  ASSERT_EQ(stats_when(hotel.token, 300, 0, "from=" + from + "&to=" + to, 10s).at("totals").at("views").as_int64(),
            300);

  const auto report = ask_and_wait(hotel.token, period(from, to, "pdf"));
  ASSERT_EQ(report.at("status").as_string(), "ready") << json::serialize(report);
  const PdfFile pdf(download(hotel.token, report).body, "three-hundred-coupons");
  const int pages = std::stoi(pdf.info("Pages"));
  EXPECT_GE(pages, 6);
  // Every coupon has its row, and the table's header repeats on every page the table is on.
  const std::string text = pdf.text();
  int rows = 0;
  for (int i = 1; i <= 300; ++i) rows += coupon_row(text, offer_title(i)).size() == 3 ? 1 : 0;
  EXPECT_EQ(rows, 300);
  const int table_pages = count_matches(text, std::regex(R"(^\s*Title\s+Status\s+Discount\s+Qty\s+Left\s+Views)"));
  EXPECT_GE(table_pages, 4);
  EXPECT_EQ(count_matches(text, std::regex(R"(Page \d+ of \d+)")), pages);
  EXPECT_NE(text.find("Page " + std::to_string(pages) + " of " + std::to_string(pages)), std::string::npos);
  EXPECT_GE(pdf.save_pngs(), pages);
}

TEST_F(Reports, AQuietPeriodRendersANoActivityPage) {
  const Hotelier hotel = owner("owner@quiet.example", "Olive Owner", {.name = "Quiet Inn"});
  create_active(hotel.token, "Midweek escape", 15);
  const auto report = ask_and_wait(hotel.token, period("2026-01-01", "2026-01-31", "pdf"));
  ASSERT_EQ(report.at("status").as_string(), "ready") << json::serialize(report);
  const PdfFile pdf(download(hotel.token, report).body, "quiet-period");
  EXPECT_NE(pdf.text().find("No activity in this period"), std::string::npos) << pdf.text();
  EXPECT_GE(pdf.save_pngs(), 1);
}

TEST_F(Reports, TheCsvHasOneRowPerCouponPerDay) {
  const Hotelier hotel = owner("owner@csv.example", "Olive Owner", {.name = "Hotel, \"The\" Quay"});
  const Traveller ada = guest("ada@example.com", "Ada");
  const std::string plain = create_active(hotel.token, "Plain offer", 10);
  const std::string tricky = create_active(hotel.token, "=SUM(A1), \"quoted\"", 20);
  views(ada.token, plain, 4);
  views(ada.token, tricky, 2);
  redeem_ok(ada.token, tricky);
  const auto now = std::chrono::system_clock::now();
  const std::string from = local_date_string(now, 0s, -2);
  const std::string to = local_date_string(now, 0s, 1);
  stats_when(hotel.token, 6, 0, "from=" + from + "&to=" + to, 10s);

  const auto report = ask_and_wait(hotel.token, period(from, to, "csv"));
  ASSERT_EQ(report.at("status").as_string(), "ready") << json::serialize(report);
  const auto file = download(hotel.token, report);
  EXPECT_EQ(file.header("Content-Type"), "text/csv; charset=utf-8");
  EXPECT_NE(file.header("Content-Disposition").find("filename=\"hotel-the-quay-" + from), std::string::npos);
  const auto rows = parse_csv(file.body);
  ASSERT_FALSE(rows.empty());
  EXPECT_EQ(rows[0], (std::vector<std::string>{"date", "coupon_id", "coupon_title", "status", "discount_percent", "views",
                                               "claims", "uses", "clicks", "shares"}));
  // The coupons were created today: one row each for today and tomorrow (the period's end).
  ASSERT_EQ(rows.size(), 5u) << file.body;
  std::int64_t total_views = 0;
  for (std::size_t i = 1; i < rows.size(); ++i) {
    ASSERT_EQ(rows[i].size(), 10u);
    total_views += std::stoll(rows[i][5]);
    if (rows[i][1] == tricky && rows[i][5] != "0") {
      EXPECT_EQ(rows[i][2], "'=SUM(A1), \"quoted\"");  // a spreadsheet shows it as text, never runs it
      EXPECT_EQ(rows[i][6], "1");
    }
  }
  EXPECT_EQ(total_views, 6);
  EXPECT_NE(file.body.find("\r\n"), std::string::npos);
}

TEST_F(Reports, OnlyTheOwnerSeesOrDownloadsAReport) {
  const Hotelier hotel = owner("owner@mine.example", "Olive Owner");
  const Hotelier rival = owner("owner@rival.example", "Rita Rival", {.name = "Rival Hotel"});
  const Traveller ada = guest("ada@example.com", "Ada");
  const auto report = ask_and_wait(hotel.token, period("2026-01-01", "2026-01-07", "csv"));
  ASSERT_EQ(report.at("status").as_string(), "ready");
  const std::string id(report.at("id").as_string());
  EXPECT_EQ(get("/api/v1/hotelier/reports/" + id, rival.token).status, 404u);
  EXPECT_EQ(get("/api/v1/hotelier/reports/" + id + "/download", rival.token).status, 404u);
  EXPECT_EQ(get("/api/v1/hotelier/reports/" + id + "/download", ada.token).status, 403u);
  EXPECT_EQ(get("/api/v1/hotelier/reports/" + id + "/download", "").status, 401u);
  EXPECT_EQ(get("/api/v1/hotelier/reports", rival.token).json().at("items").as_array().size(), 0u);
  EXPECT_EQ(get("/api/v1/hotelier/reports/not-an-id", hotel.token).status, 404u);
  EXPECT_EQ(download(hotel.token, report).status, 200u);
}

TEST_F(Reports, BadRequestsNameTheirFields) {
  const Hotelier hotel = owner("owner@bad.example", "Olive Owner");
  const auto fields = [&](const json::object& body) { return joined(detail_fields(ask(hotel.token, body))); };
  EXPECT_EQ(fields({{"from", "2026-01-01"}, {"to", "2027-01-05"}, {"format", "pdf"}}), "to");
  EXPECT_EQ(fields({{"from", "2026-02-01"}, {"to", "2026-01-05"}, {"format", "pdf"}}), "to");
  EXPECT_EQ(fields({{"from", "yesterday"}, {"to", "2026-01-05"}, {"format", "docx"}}), "from, format");
  EXPECT_EQ(fields({{"format", "csv"}}), "from, to");
  EXPECT_EQ(fields({{"from", "2026-01-01"}, {"to", "2026-01-05"}, {"format", "pdf"}, {"status", "ready"}}), "status");
  EXPECT_EQ(ask(hotel.token, {{"from", "2026-01-01"}, {"to", "2026-12-31"}, {"format", "pdf"}}).status, 202u);
  const auto traveller = guest("ada@example.com", "Ada");
  EXPECT_EQ(ask(traveller.token, period("2026-01-01", "2026-01-31", "pdf")).status, 403u);
}

TEST_F(Reports, TheListIsNewestFirstAndTheOwnerIsNotified) {
  const Hotelier hotel = owner("owner@list.example", "Olive Owner");
  const auto first = ask_and_wait(hotel.token, period("2026-01-01", "2026-01-31", "csv"));
  const auto second = ask_and_wait(hotel.token, period("2026-02-01", "2026-02-28", "pdf"));
  const auto list = get("/api/v1/hotelier/reports", hotel.token).json();
  EXPECT_EQ(item_ids(list), (std::vector<std::string>{std::string(second.at("id").as_string()),
                                                       std::string(first.at("id").as_string())}));
  EXPECT_EQ(json_text(list, "/items/0/status"), "ready");
  EXPECT_EQ(json_text(list, "/items/0/from"), "2026-02-01");
  // One report.ready notification per report, naming it.
  std::vector<std::string> announced;
  eventually(5s, 50ms, [&] {
    announced = announced_reports(get("/api/v1/me/notifications", hotel.token).json());
    return announced.size() >= 2;
  });
  EXPECT_EQ(announced, (std::vector<std::string>{std::string(second.at("id").as_string()),
                                                  std::string(first.at("id").as_string())}));
}

TEST_F(Reports, TheSameIdempotencyKeyAsksOnce) {
  const Hotelier hotel = owner("owner@once.example", "Olive Owner");
  const Headers key{{"Idempotency-Key", "report-once-1"}};
  const auto first = ask(hotel.token, period("2026-03-01", "2026-03-31", "pdf"), key);
  const auto again = ask(hotel.token, period("2026-03-01", "2026-03-31", "pdf"), key);
  ASSERT_EQ(first.status, 202u);
  EXPECT_EQ(again.status, 202u);
  EXPECT_EQ(json_text(first.json(), "/report/id"), json_text(again.json(), "/report/id"));
  EXPECT_EQ(get("/api/v1/hotelier/reports", hotel.token).json().at("items").as_array().size(), 1u);
}

// A report's status as the database file says, read while the server is down.
std::string stored_status(const std::filesystem::path& data_dir, const std::string& report_id) {
  sqlite::Connection db = open_database(data_dir);
  auto& query = db.prepare("SELECT status FROM reports WHERE id = ?");
  query.bind(1, report_id);
  return query.step() ? query.text(0) : "";
}

TEST(ReportsRestart, AJobCutOffByAKillEndsAsExactlyOneReadyReport) {
  const TempDir dir;
  std::optional<ServerProcess> server(std::in_place, ExistingDataDir{dir.path()});
  const std::string hotelier = sign_up(HttpClient(server->port()), "owner@hotel.example", "hotelier");
  const std::string fan = sign_up(HttpClient(server->port()), "fan@example.com");
  busy_hotel(HttpClient(server->port()), hotelier, fan, 300);
  std::this_thread::sleep_for(1500ms);  // the views are folded into the counters

  // Each round: a year's PDF is asked for, and the server is killed the moment the job shows as running.
  std::vector<std::string> asked;
  int killed_while_running = 0;
  for (int round = 0; round < 4; ++round) {
    const HttpClient client(server->port());
    const auto answer = client.post("/api/v1/hotelier/reports",
                                    json::serialize(period("2025-11-01", "2026-10-31", "pdf")), hotelier);
    ASSERT_EQ(answer.status, 202u) << answer.body;
    asked.push_back(json_text(answer.json(), "/report/id"));
    eventually(10s, 1ms, [&] {
      return json_text(client.get("/api/v1/hotelier/reports/" + asked.back(), hotelier).json(), "/status") != "queued";
    });
    EXPECT_EQ(server->stop(SIGKILL), 128 + SIGKILL);
    killed_while_running += stored_status(dir.path(), asked.back()) == "running" ? 1 : 0;
    server.emplace(ExistingDataDir{dir.path()});
  }
  EXPECT_GT(killed_while_running, 0) << "no kill came while a job was running: the test proved nothing";

  // After the last restart every job finishes: one ready report each, one file each, one notification each.
  const HttpClient client(server->port());
  json::array items;
  eventually(60s, 100ms, [&] {
    items = client.get("/api/v1/hotelier/reports", hotelier).json().at("items").as_array();
    return std::all_of(items.begin(), items.end(), [](const json::value& r) { return r.at("status") == "ready"; });
  });
  ASSERT_EQ(items.size(), asked.size());
  for (const auto& item : items) {
    EXPECT_EQ(item.at("status"), "ready") << json::serialize(item);
    const auto file = client.get(std::string(item.at("download_url").as_string()), hotelier);
    EXPECT_TRUE(file.body.starts_with("%PDF-"));
  }
  // The folder store keeps each object as a file and a ".type" file beside it.
  std::vector<std::string> files;
  for (const auto& entry : std::filesystem::directory_iterator(dir.path() / "objects" / "reports")) {
    if (entry.path().extension() != ".type") files.push_back(entry.path().filename().string());
  }
  EXPECT_EQ(files.size(), asked.size()) << "a re-run left a second file, or a temporary one: " << joined(files);
  std::vector<std::string> announced;
  eventually(5s, 0ms, [&] {
    announced = announced_reports(client.get("/api/v1/me/notifications?limit=100", hotelier).json());
    return announced.size() >= asked.size();
  });
  std::sort(announced.begin(), announced.end());
  std::sort(asked.begin(), asked.end());
  EXPECT_EQ(announced, asked) << "each report is announced exactly once";
}

}  // namespace
}  // namespace hc::test
