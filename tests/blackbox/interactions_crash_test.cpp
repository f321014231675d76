// The interaction pipeline under `kill -9`: a client posts batches of views and retries every batch that got no
// 202 (with the same event ids) while the server is killed and restarted on the same data folder 20 times.
// Afterwards every acknowledged event is counted exactly once: a 202 means durably queued, and per-event ids
// make the retries of batches the server had already committed harmless.
#include "harness.hpp"

#include <gtest/gtest.h>
#include <boost/asio/error.hpp>
#include <boost/json.hpp>
#include <boost/system/system_error.hpp>

#include <atomic>
#include <chrono>
#include <csignal>
#include <cstdint>
#include <filesystem>
#include <iostream>
#include <map>
#include <optional>
#include <random>
#include <set>
#include <sstream>
#include <stop_token>
#include <string>
#include <string_view>
#include <thread>
#include <utility>
#include <vector>

namespace hc::test {
namespace {

namespace json = boost::json;
using namespace std::chrono_literals;

constexpr int kKills = 20;

//! Creates an active coupon; its id, or "" after a recorded failure.
std::string create_active_coupon(const HttpClient& client, const std::string& token) {
  const json::object body{
      {"title", "Rooftop brunch"}, {"discount_percent", 20}, {"valid_until", "2099-12-31"}, {"status", "active"}};
  const auto created = client.post("/api/v1/coupons", json::serialize(body), token);
  EXPECT_EQ(created.status, 201u) << created.body;
  return created.status == 201 ? json_text(created.json(), "/id") : std::string{};
}

//! The hotelier's total views (-1 when the stats cannot be read: the reason goes to `why`).
std::int64_t total_views(std::uint16_t port, const std::string& token, std::string& why) {
  try {
    const auto stats = HttpClient(port).get("/api/v1/hotelier/stats", token);
    if (stats.status == 200) return stats.json().at("totals").at("views").as_int64();
    why = "GET /api/v1/hotelier/stats -> " + std::to_string(stats.status) + " " + stats.body;
  } catch (const std::exception& error) {
    why = std::string("GET /api/v1/hotelier/stats failed: ") + error.what();
  }
  return -1;
}

//! The client: on its own thread it posts batches of 20–50 views to whichever server is current. A batch that
//! gets no 202 (refused, reset, timed out, any other status) is kept and sent again with the same event ids
//! until a server acknowledges it; only then does the next batch start.
class RetryingClient {
 public:
  RetryingClient(std::string token, std::string coupon_id, std::uint16_t port, unsigned seed)
      : token_(std::move(token)),
        coupon_id_(std::move(coupon_id)),
        port_(port),
        random_(seed),
        thread_([this](std::stop_token stop) { run(stop); }) {}

  //! Sends from now on to the server listening on this port.
  void use_port(std::uint16_t port) { port_.store(port); }
  //! True while a request is on its way (connecting, sending or waiting for the answer).
  [[nodiscard]] bool in_flight() const { return in_flight_.load(); }
  [[nodiscard]] int acknowledged_batches() const { return acknowledged_batches_.load(); }

  //! Starts no new batch, waits until the pending one is acknowledged (at most `patience`) and stops the
  //! thread; true if nothing was left unacknowledged. The accessors below are valid once this returned.
  bool finish(std::chrono::milliseconds patience) {
    finishing_.store(true);
    eventually(patience, 20ms, [this] { return done_.load(); });
    thread_.request_stop();
    thread_.join();
    return !pending_.has_value();
  }

  [[nodiscard]] const std::set<std::string>& acknowledged_ids() const { return acknowledged_ids_; }
  [[nodiscard]] std::size_t events_sent() const { return events_sent_; }
  [[nodiscard]] const std::vector<std::string>& anomalies() const { return anomalies_; }
  //! Batches that needed more than one attempt.
  [[nodiscard]] int retried_batches() const { return retried_batches_; }
  //! Attempts whose connection was accepted and then broken (the kill hit them in flight).
  [[nodiscard]] int broken_attempts() const { return broken_attempts_; }

  [[nodiscard]] std::string report() const {
    std::ostringstream out;
    out << acknowledged_batches_.load() << " batches (" << acknowledged_ids_.size() << " events) acknowledged, "
        << events_sent_ << " events sent, " << retried_batches_ << " batches retried, " << broken_attempts_
        << " attempts broken by a kill; failed attempts:";
    for (const auto& [kind, count] : failures_) out << " [" << kind << "] x" << count << ";";
    for (const auto& anomaly : anomalies_) out << "\n  " << anomaly;
    return out.str();
  }

 private:
  struct Batch {
    std::vector<std::string> ids;
    std::string body;
    int attempts = 0;
  };

  Batch make_batch(int number) {
    Batch batch;
    json::array events;
    const int size = std::uniform_int_distribution<int>(20, 50)(random_);
    for (int i = 0; i < size; ++i) {
      batch.ids.push_back("b" + std::to_string(number) + "-e" + std::to_string(i));
      events.push_back(json::object{{"id", batch.ids.back()}, {"coupon_id", coupon_id_}, {"action", "view"}});
    }
    batch.body = json::serialize(json::object{{"events", std::move(events)}});
    return batch;
  }

  //! One attempt: "" when acknowledged, otherwise what went wrong.
  std::string attempt(const Batch& batch) {
    in_flight_.store(true);
    std::string outcome;
    try {
      const auto answer = HttpClient(port_.load()).post("/api/v1/interactions", batch.body, token_);
      if (answer.status == 202) {
        const auto body = answer.json();
        if (body.at("accepted").as_int64() != static_cast<std::int64_t>(batch.ids.size()) ||
            body.at("dropped").as_int64() != 0) {
          anomalies_.push_back("a batch of " + std::to_string(batch.ids.size()) + " events was answered " +
                               answer.body);
        }
      } else {
        outcome = "status " + std::to_string(answer.status) + " " + answer.body.substr(0, 120);
      }
    } catch (const boost::system::system_error& error) {
      outcome =
          error.code() == boost::asio::error::connection_refused ? "refused" : "broken: " + error.code().message();
    } catch (const std::exception& error) {
      outcome = std::string("broken: ") + error.what();
    }
    in_flight_.store(false);
    return outcome;
  }

  void run(const std::stop_token& stop) {
    int number = 0;
    while (!stop.stop_requested()) {
      if (!pending_) {
        if (finishing_.load()) break;
        pending_ = make_batch(number++);
        events_sent_ += pending_->ids.size();
      }
      if (++pending_->attempts == 2) ++retried_batches_;
      const std::string failure = attempt(*pending_);
      if (failure.empty()) {
        for (const auto& id : pending_->ids) acknowledged_ids_.insert(id);
        pending_.reset();
        acknowledged_batches_.fetch_add(1);
        continue;
      }
      ++failures_[failure];
      if (failure.starts_with("broken")) ++broken_attempts_;
      std::this_thread::sleep_for(10ms);  // the server is down (or restarting): try again shortly
    }
    done_.store(true);
  }

  const std::string token_;
  const std::string coupon_id_;
  std::atomic<std::uint16_t> port_;
  std::atomic<bool> in_flight_{false};
  std::atomic<bool> finishing_{false};
  std::atomic<bool> done_{false};
  std::atomic<int> acknowledged_batches_{0};
  // Only the client thread touches these until finish() has joined it.
  std::mt19937 random_;
  std::optional<Batch> pending_;
  std::set<std::string> acknowledged_ids_;
  std::size_t events_sent_ = 0;
  int retried_batches_ = 0;
  int broken_attempts_ = 0;
  std::map<std::string, int> failures_;
  std::vector<std::string> anomalies_;
  std::jthread thread_;  // last: it starts once everything above is ready, and is stopped and joined first
};

TEST(InteractionsCrash, EveryAcknowledgedEventIsCountedOnceAfterTwentyKills) {
  const TempDir dir;  // declared first: removed after the server is killed and the client stopped
  std::optional<ServerProcess> server;
  server.emplace(ExistingDataDir{dir.path()});
  const HttpClient setup(server->port());
  const std::string hotelier = sign_up(setup, "owner@hotel.example", "hotelier");
  const std::string traveller = sign_up(setup, "fan@example.com", "user");
  ASSERT_FALSE(hotelier.empty() || traveller.empty());
  const std::string coupon = create_active_coupon(setup, hotelier);
  ASSERT_FALSE(coupon.empty());

  const unsigned seed = std::random_device{}();
  SCOPED_TRACE("seed " + std::to_string(seed));
  std::mt19937 random(seed);
  std::uniform_int_distribution<int> delay_ms(50, 300);
  RetryingClient client(traveller, coupon, server->port(), seed + 1);

  int kills_in_flight = 0;  // kills that came while a request was on its way
  std::string rounds;       // "delay ms/batches acknowledged" per round, for messages
  for (int kill = 1; kill <= kKills; ++kill) {
    const int acknowledged_before = client.acknowledged_batches();
    const int delay = delay_ms(random);
    std::this_thread::sleep_for(std::chrono::milliseconds(delay));
    const bool in_flight = client.in_flight();
    EXPECT_EQ(server->stop(SIGKILL), 128 + SIGKILL) << "kill " << kill;
    kills_in_flight += in_flight ? 1 : 0;
    rounds += " " + std::to_string(delay) + "ms/" +
              std::to_string(client.acknowledged_batches() - acknowledged_before) + (in_flight ? "*" : "");
    server.emplace(ExistingDataDir{dir.path()});  // throws (failing the test) if it cannot start again
    client.use_port(server->port());
  }

  // The last server stays up: the client gets its pending batch acknowledged and stops.
  const bool drained = client.finish(30s);
  const std::string report = client.report() + "\nrounds (delay/acknowledged, * = a request in flight):" + rounds;
  std::cout << "[ crash    ] " << kills_in_flight << " of " << kKills << " kills with a request in flight; " << report
            << "\n";
  ASSERT_TRUE(drained) << "a batch was still unacknowledged after 30 s against the last server\n"
                       << report << "\n"
                       << server->log();
  EXPECT_TRUE(client.anomalies().empty()) << report;
  EXPECT_GT(kills_in_flight, 0) << "no kill hit a request in flight: the test proved nothing\n" << report;
  EXPECT_GT(client.broken_attempts(), 0) << "no kill broke a connection in flight: the test proved nothing\n" << report;
  const auto expected = static_cast<std::int64_t>(client.acknowledged_ids().size());
  ASSERT_EQ(expected, static_cast<std::int64_t>(client.events_sent())) << report;

  // Folding runs every second: wait until the views reach the number of events acknowledged.
  std::string why;
  std::int64_t views = -1;
  eventually(10s, 100ms, [&] {
    views = total_views(server->port(), hotelier, why);
    return views >= expected;
  });
  ASSERT_EQ(views, expected) << "total views against " << expected << " distinct events acknowledged (" << why << ")\n"
                             << report;
  // Two more folds: nothing left in the queue may be counted again.
  std::this_thread::sleep_for(2500ms);
  EXPECT_EQ(total_views(server->port(), hotelier, why), expected)
      << "views grew after the count was reached (" << why << ")\n"
      << report;
}

}  // namespace
}  // namespace hc::test
