// `kill -9` at random moments during work. One data folder; each round starts the server on it, sets travellers
// claiming from several coupons, the desk using the claimed codes, a client posting interaction batches and the
// hotelier publishing coupons to followers and asking for reports, all at once, and kills the server with SIGKILL
// after a random few hundred milliseconds. After the last round the server starts once more and everything the
// server acknowledged (a 2xx) is checked through the API:
//   - every coupon: claimed (quantity - remaining) = the redemptions in the travellers' wallets;
//   - every acknowledged claim is in its traveller's wallet, and no two redemptions share a code;
//   - every acknowledged use is still used, a second use gets `already_used`, and nothing the desk never sent is
//     used; the guest got the `coupon.used` notification;
//   - every acknowledged publish reached every follower's inbox as `coupon.created`;
//   - every acknowledged report job exists and becomes ready;
//   - the views counted are at least the acknowledged events and at most the events sent.
// What was not acknowledged may or may not have happened; either way the numbers above must agree.
//
// HOTELCOUPON_FAULT_ROUNDS sets the number of rounds (default 50; `make soak` runs more); HOTELCOUPON_FAULT_SEED
// replays the kill moments and the choices of a run (its seed is printed; the threads' timing is the machine's).
#include "coupon_fixture.hpp"
#include "harness.hpp"

#include <gtest/gtest.h>
#include <boost/asio/error.hpp>
#include <boost/json.hpp>
#include <boost/system/system_error.hpp>

#include <algorithm>
#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <cstdlib>
#include <deque>
#include <functional>
#include <initializer_list>
#include <iostream>
#include <map>
#include <mutex>
#include <optional>
#include <random>
#include <set>
#include <stop_token>
#include <string>
#include <thread>
#include <vector>

namespace hc::test {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

constexpr int kDefaultRounds = 50;
constexpr int kTravellers = 6;
constexpr unsigned kClaimers = 3;         // threads claiming, each as a traveller drawn at every claim
constexpr std::size_t kClaimTargets = 4;  // claims go to the newest coupons, so that some sell out
constexpr std::int64_t kQuantity = 5;

struct Claim {
  std::string redemption_id;
  std::string code;
  std::size_t traveller = 0;
};

//! What the server acknowledged across all rounds, and what went to it; shared by the workers of a round.
struct Ledger {
  std::mutex mutex;
  std::vector<std::string> coupons;          // acknowledged publishes, oldest first (the claims' targets)
  std::vector<Claim> claims;                 // acknowledged claims
  std::deque<std::size_t> to_use;            // claims (by index) the desk has not yet had acknowledged
  std::set<std::string> codes_sent_to_desk;  // every code the desk ever sent, acknowledged or not
  std::set<std::string> used;                // redemption ids whose use was acknowledged
  std::vector<std::string> reports;          // acknowledged report jobs
  std::int64_t events_acknowledged = 0;
  std::int64_t events_sent = 0;
  std::vector<std::string> anomalies;  // answers no client should ever get (5xx, unexpected statuses)
};

//! One round's clients: they start at once and work until stopped, each request on a fresh connection.
class RoundWork {
 public:
  RoundWork(std::uint16_t port, const std::vector<std::string>& travellers, const std::string& hotelier, Ledger& ledger,
            unsigned seed)
      : client_(port), travellers_(travellers), hotelier_(hotelier), ledger_(ledger) {
    for (unsigned i = 0; i < kClaimers; ++i) {
      threads_.emplace_back([this, seed, i](std::stop_token stop) { claim(stop, seed + i); });
    }
    threads_.emplace_back([this](std::stop_token stop) { use_codes(stop); });
    threads_.emplace_back([this, seed](std::stop_token stop) { post_interactions(stop, seed); });
    threads_.emplace_back([this](std::stop_token stop) { publish_and_report(stop); });
  }
  RoundWork(const RoundWork&) = delete;
  RoundWork& operator=(const RoundWork&) = delete;
  ~RoundWork() { stop(); }

  //! Requests on their way now (connecting, sending or waiting for the answer).
  [[nodiscard]] int in_flight() const { return in_flight_.load(); }
  //! Exchanges whose connection broke after it was accepted: the kill hit them in flight.
  [[nodiscard]] int broken() const { return broken_.load(); }

  void stop() {
    for (auto& thread : threads_) thread.request_stop();
    threads_.clear();  // joins
  }

 private:
  //! One exchange; status 0 when it failed (refused, or broken by the kill).
  HttpResult exchange(const std::function<HttpResult()>& send) {
    ++in_flight_;
    HttpResult answer;
    try {
      answer = send();
    } catch (const boost::system::system_error& error) {
      if (error.code() != boost::asio::error::connection_refused) ++broken_;
    } catch (const std::exception&) {
      ++broken_;
    }
    --in_flight_;
    if (answer.status == 0) std::this_thread::sleep_for(5ms);  // the server is gone: do not spin
    return answer;
  }

  //! Records an answer outside what the route may answer (`expected`, plus 0 for a failed exchange).
  void check(const std::string& what, const HttpResult& answer, std::initializer_list<unsigned> expected) {
    if (answer.status == 0) return;
    for (const unsigned status : expected) {
      if (answer.status == status) return;
    }
    const std::lock_guard lock(ledger_.mutex);
    ledger_.anomalies.push_back(what + " -> " + std::to_string(answer.status) + " " + answer.body.substr(0, 200));
  }

  void claim(const std::stop_token& stop, unsigned seed) {
    std::mt19937 random(seed);
    while (!stop.stop_requested()) {
      std::string coupon;
      {
        const std::lock_guard lock(ledger_.mutex);
        const std::size_t count = std::min(ledger_.coupons.size(), kClaimTargets);
        coupon = ledger_.coupons[ledger_.coupons.size() - 1 - random() % count];
      }
      const std::size_t traveller = random() % travellers_.size();
      const auto answer =
          exchange([&] { return client_.post("/api/v1/coupons/" + coupon + "/redeem", "", travellers_[traveller]); });
      check("claim", answer, {201, 409});
      if (answer.status != 201) continue;
      const auto body = answer.json();
      const std::lock_guard lock(ledger_.mutex);
      ledger_.to_use.push_back(ledger_.claims.size());
      ledger_.claims.push_back({json_text(body, "/redemption/id"), json_text(body, "/redemption/code"), traveller});
    }
  }

  void use_codes(const std::stop_token& stop) {
    while (!stop.stop_requested()) {
      std::optional<std::size_t> next;  // a claim, by index
      Claim claim;
      {
        const std::lock_guard lock(ledger_.mutex);
        if (!ledger_.to_use.empty()) {
          next = ledger_.to_use.front();
          ledger_.to_use.pop_front();
          claim = ledger_.claims[*next];
          ledger_.codes_sent_to_desk.insert(claim.code);
        }
      }
      if (!next) {
        std::this_thread::sleep_for(5ms);
        continue;
      }
      const std::string body = json::serialize(json::object{{"code", claim.code}});
      const auto answer = exchange([&] { return client_.post("/api/v1/hotelier/redemptions/use", body, hotelier_); });
      check("desk use", answer, {200, 409});
      const std::lock_guard lock(ledger_.mutex);
      if (answer.status == 200) ledger_.used.insert(claim.redemption_id);
      // Not answered: it may or may not have been used. Sent again later, it is used or says already_used.
      if (answer.status == 0) ledger_.to_use.push_back(*next);
    }
  }

  void post_interactions(const std::stop_token& stop, unsigned seed) {
    std::mt19937 random(seed);
    std::string coupon;
    {
      const std::lock_guard lock(ledger_.mutex);
      coupon = ledger_.coupons.front();
    }
    while (!stop.stop_requested()) {
      json::array events;
      const int size = std::uniform_int_distribution<int>(10, 40)(random);
      for (int i = 0; i < size; ++i) {
        // Ids unique across rounds and runs of this client: a seed-drawn prefix and a counter.
        events.push_back(json::object{{"id", "k" + std::to_string(seed) + "-" + std::to_string(next_event_++)},
                                      {"coupon_id", coupon},
                                      {"action", "view"}});
      }
      const std::string body = json::serialize(json::object{{"events", std::move(events)}});
      {
        const std::lock_guard lock(ledger_.mutex);
        ledger_.events_sent += size;
      }
      const auto answer = exchange([&] { return client_.post("/api/v1/interactions", body, travellers_[0]); });
      check("interaction batch", answer, {202});
      if (answer.status != 202) continue;
      const std::lock_guard lock(ledger_.mutex);
      ledger_.events_acknowledged += size;
    }
  }

  void publish_and_report(const std::stop_token& stop) {
    while (!stop.stop_requested()) {
      const json::object coupon{{"title", "Flash offer"}, {"discount_percent", 15},      {"quantity", kQuantity},
                                {"per_user_limit", 2},    {"valid_until", "2099-12-31"}, {"status", "active"}};
      const auto published =
          exchange([&] { return client_.post("/api/v1/coupons", json::serialize(coupon), hotelier_); });
      check("publish", published, {201});
      if (published.status == 201) {
        const std::lock_guard lock(ledger_.mutex);
        ledger_.coupons.push_back(json_text(published.json(), "/id"));
      }
      const json::object report{{"from", report_from_}, {"to", report_to_}, {"format", "csv"}};
      const auto asked =
          exchange([&] { return client_.post("/api/v1/hotelier/reports", json::serialize(report), hotelier_); });
      check("report request", asked, {202, 429});  // 429: five reports already on the way
      if (asked.status == 202) {
        const std::lock_guard lock(ledger_.mutex);
        ledger_.reports.push_back(json_text(asked.json(), "/report/id"));
      }
      std::this_thread::sleep_for(30ms);
    }
  }

  const HttpClient client_;
  // The last week, which holds the claims, uses and views of the run.
  const std::string report_to_ = iso_date(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()));
  const std::string report_from_ =
      iso_date(std::chrono::floor<std::chrono::days>(std::chrono::system_clock::now()) - std::chrono::days(7));
  const std::vector<std::string>& travellers_;
  const std::string& hotelier_;
  Ledger& ledger_;
  std::atomic<int> in_flight_{0};
  std::atomic<int> broken_{0};
  int next_event_ = 0;                 // the interaction thread's only
  std::vector<std::jthread> threads_;  // last: started once everything above is ready
};

//! Every item of a paged list, following next_cursor; fails the test on a page that is not 200.
std::vector<json::object> all_items(const HttpClient& client, const std::string& path, const std::string& token) {
  std::vector<json::object> items;
  std::string cursor;
  for (int page = 0; page < 1000; ++page) {
    const std::string separator = path.find('?') == std::string::npos ? "?" : "&";
    const auto answer =
        client.get(path + separator + "limit=100" + (cursor.empty() ? "" : "&cursor=" + url_encode(cursor)), token);
    EXPECT_EQ(answer.status, 200u) << path << ": " << answer.body;
    if (answer.status != 200) break;
    const auto body = answer.json();
    for (const auto& item : body.at("items").as_array()) items.push_back(item.as_object());
    const auto& next = body.at("next_cursor");
    if (!next.is_string()) break;
    cursor = std::string(next.as_string());
  }
  return items;
}

//! The `data` member `key` of every notification of this kind in the inbox.
std::set<std::string> notified(const std::vector<json::object>& inbox, const std::string& kind,
                               const std::string& key) {
  std::set<std::string> found;
  for (const auto& item : inbox) {
    if (json_text(item, "/kind") == kind) found.insert(json_text(item, "/data/" + key));
  }
  return found;
}

TEST(Faults, NothingAcknowledgedIsLostAcrossKillsDuringClaimsUsesInteractionsAndReports) {
  const int rounds = static_cast<int>(env_count("HOTELCOUPON_FAULT_ROUNDS", kDefaultRounds));
  const auto seed = static_cast<unsigned>(env_count("HOTELCOUPON_FAULT_SEED", std::random_device{}()));
  SCOPED_TRACE("HOTELCOUPON_FAULT_SEED=" + std::to_string(seed));
  std::mt19937 random(seed);

  const TempDir dir;  // first: removed after the last server is gone
  std::optional<ServerProcess> server(std::in_place, ExistingDataDir{dir.path()});
  const std::string hotelier = sign_up(HttpClient(server->port()), "owner@hotel.example", "hotelier");
  std::vector<std::string> travellers;
  for (int i = 0; i < kTravellers; ++i) {
    travellers.push_back(sign_up(HttpClient(server->port()), "traveller" + std::to_string(i) + "@example.com"));
  }
  ASSERT_FALSE(HasFailure());
  const std::string hotel_id = json_text(HttpClient(server->port()).get("/api/v1/me", hotelier).json(), "/hotel/id");
  for (const auto& token : travellers) {
    const auto followed = HttpClient(server->port())
                              .request(boost::beast::http::verb::put, "/api/v1/hotels/" + hotel_id + "/subscription",
                                       {}, {{"Authorization", "Bearer " + token}});
    ASSERT_EQ(followed.status, 200u) << followed.body;
  }
  Ledger ledger;
  const json::object first{{"title", "Opening offer"},
                           {"discount_percent", 10},
                           {"quantity", kQuantity},
                           {"valid_until", "2099-12-31"},
                           {"status", "active"}};
  const auto opened = HttpClient(server->port()).post("/api/v1/coupons", json::serialize(first), hotelier);
  ASSERT_EQ(opened.status, 201u) << opened.body;
  ledger.coupons.push_back(json_text(opened.json(), "/id"));

  int kills_in_flight = 0;  // rounds whose kill came while requests were on their way
  int broken = 0;           // exchanges the kills broke after the server had accepted them
  std::string trail;        // per round: the kill's delay, and * when requests were in flight
  std::uniform_int_distribution<int> delay_ms(80, 350);
  for (int round = 0; round < rounds; ++round) {
    if (round > 0) server.emplace(ExistingDataDir{dir.path()});  // throws (failing the test) if it cannot start
    RoundWork work(server->port(), travellers, hotelier, ledger, seed + 1000 * static_cast<unsigned>(round));
    const int delay = delay_ms(random);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay));
    const bool in_flight = work.in_flight() > 0;
    ASSERT_EQ(server->stop(SIGKILL), 128 + SIGKILL) << "round " << round;
    work.stop();
    kills_in_flight += in_flight ? 1 : 0;
    broken += work.broken();
    trail += " " + std::to_string(delay) + (in_flight ? "*" : "");
  }
  server.emplace(ExistingDataDir{dir.path()});
  const HttpClient client(server->port());

  const std::string summary =
      "seed " + std::to_string(seed) + ", " + std::to_string(rounds) + " rounds, " + std::to_string(kills_in_flight) +
      " kills with requests in flight, " + std::to_string(broken) +
      " exchanges broken by a kill; acknowledged: " + std::to_string(ledger.claims.size()) + " claims, " +
      std::to_string(ledger.used.size()) + " uses, " + std::to_string(ledger.coupons.size()) + " publishes, " +
      std::to_string(ledger.reports.size()) + " reports, " + std::to_string(ledger.events_acknowledged) + " of " +
      std::to_string(ledger.events_sent) + " events\nkill delays in ms (* = requests in flight):" + trail;
  std::cout << "[ faults   ] " << summary << "\n";
  EXPECT_TRUE(ledger.anomalies.empty()) << ledger.anomalies.size()
                                        << " unexpected answers, the first: " << ledger.anomalies.front() << "\n"
                                        << summary;
  // Kills that land between requests prove nothing: most must hit work under way.
  EXPECT_GE(kills_in_flight * 2, rounds) << summary;
  EXPECT_GT(broken, 0) << "no kill broke a request in flight: the test proved nothing\n" << summary;
  EXPECT_GT(ledger.used.size(), 0u) << summary;

  // Wallets and coupons: claimed = quantity - remaining = the redemptions in the wallets; no code twice.
  std::map<std::string, int> in_wallets;            // coupon id -> redemptions
  std::map<std::string, json::object> redemptions;  // id -> as the wallet shows it
  std::map<std::string, std::size_t> owner_of;      // redemption id -> traveller
  std::set<std::string> codes;
  for (std::size_t t = 0; t < travellers.size(); ++t) {
    for (const auto& item : all_items(client, "/api/v1/me/redemptions", travellers[t])) {
      const std::string id = json_text(item, "/id");
      redemptions[id] = item;
      owner_of[id] = t;
      ++in_wallets[json_text(item, "/coupon/id")];
      EXPECT_TRUE(codes.insert(json_text(item, "/code")).second) << "two redemptions share a code: " << id;
    }
  }
  for (const auto& coupon : all_items(client, "/api/v1/hotelier/coupons", hotelier)) {
    const std::string id = json_text(coupon, "/id");
    const std::int64_t claimed = coupon.at("quantity").as_int64() - coupon.at("remaining").as_int64();
    EXPECT_EQ(claimed, in_wallets[id]) << "coupon " << id << ": quantity " << coupon.at("quantity") << ", remaining "
                                       << coupon.at("remaining") << ", in wallets " << in_wallets[id];
  }
  for (const Claim& claim : ledger.claims) {
    const auto found = redemptions.find(claim.redemption_id);
    ASSERT_NE(found, redemptions.end()) << "acknowledged claim " << claim.redemption_id << " is in no wallet\n"
                                        << summary;
    EXPECT_EQ(owner_of[claim.redemption_id], claim.traveller) << claim.redemption_id;
    EXPECT_EQ(json_text(found->second, "/code"), claim.code) << claim.redemption_id;
  }

  // Uses: what was acknowledged stays used and cannot be used again; nothing the desk never sent is used.
  for (const auto& [id, item] : redemptions) {
    if (json_text(item, "/status") == "used") {
      EXPECT_TRUE(ledger.codes_sent_to_desk.contains(json_text(item, "/code"))) << "used without a desk use: " << id;
    }
  }
  for (const std::string& id : ledger.used) {
    EXPECT_EQ(json_text(redemptions[id], "/status"), "used") << "acknowledged use of " << id << " was lost";
    const std::string body = json::serialize(json::object{{"code", json_text(redemptions[id], "/code")}});
    const auto again = client.post("/api/v1/hotelier/redemptions/use", body, hotelier);
    EXPECT_EQ(again.error_code(), "already_used") << id << ": " << again.status << " " << again.body;
  }

  // Notifications: delivery runs in the background after the restart.
  std::vector<std::set<std::string>> uses_notified(travellers.size());
  std::vector<std::set<std::string>> publishes_notified(travellers.size());
  const auto read_inboxes = [&] {
    for (std::size_t t = 0; t < travellers.size(); ++t) {
      const auto inbox = all_items(client, "/api/v1/me/notifications", travellers[t]);
      uses_notified[t] = notified(inbox, "coupon.used", "redemption_id");
      publishes_notified[t] = notified(inbox, "coupon.created", "coupon_id");
    }
  };
  const auto everything_delivered = [&] {
    read_inboxes();
    for (const std::string& id : ledger.used) {
      if (!uses_notified[owner_of[id]].contains(id)) return false;
    }
    for (std::size_t t = 0; t < travellers.size(); ++t) {
      for (const std::string& coupon : ledger.coupons) {
        if (!publishes_notified[t].contains(coupon)) return false;
      }
    }
    return true;
  };
  if (!eventually(15s, 200ms, everything_delivered)) {
    for (const std::string& id : ledger.used) {
      EXPECT_TRUE(uses_notified[owner_of[id]].contains(id)) << "no coupon.used notification for " << id;
    }
    for (std::size_t t = 0; t < travellers.size(); ++t) {
      for (const std::string& coupon : ledger.coupons) {
        EXPECT_TRUE(publishes_notified[t].contains(coupon))
            << "traveller " << t << " was not told of coupon " << coupon;
      }
    }
  }

  // Report jobs: each exists and becomes ready (jobs a kill interrupted are taken up again after the restart). The
  // one exception is the server's guard against a job that crashes it: a job whose third start also ended with the
  // process is failed, telling the hotelier to ask again. Kills every few hundred milliseconds can meet a slow
  // render three times (on the sanitizer build they do, a few times in 500 rounds); such a job is not lost, and the
  // summary says how many there were.
  std::size_t given_up = 0;
  for (const std::string& id : ledger.reports) {
    std::string status;
    std::string error;
    eventually(20s, 100ms, [&] {
      const auto report = client.get("/api/v1/hotelier/reports/" + id, hotelier);
      status = report.status == 200 ? json_text(report.json(), "/status") : "HTTP " + std::to_string(report.status);
      if (status == "failed") error = json_text(report.json(), "/error");
      return status == "ready" || status == "failed" || status.starts_with("HTTP");
    });
    if (status == "failed" && error == "the report could not be made; please ask for it again") {
      ++given_up;
      continue;
    }
    EXPECT_EQ(status, "ready") << "report " << id << ": " << error;
  }
  std::cout << "[ faults   ] " << given_up << " of " << ledger.reports.size()
            << " report jobs given up by the crash guard (three starts ended by kills)\n";

  // Interactions: folding runs every second; every acknowledged event is counted, nothing beyond what was sent.
  std::int64_t views = -1;
  eventually(10s, 100ms, [&] {
    const auto stats = client.get("/api/v1/hotelier/stats", hotelier);
    views = stats.status == 200 ? stats.json().at("totals").at("views").as_int64() : -1;
    return views >= ledger.events_acknowledged;
  });
  EXPECT_GE(views, ledger.events_acknowledged) << summary;
  EXPECT_LE(views, ledger.events_sent) << summary;
}

}  // namespace
}  // namespace hc::test
