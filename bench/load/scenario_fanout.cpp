// fanout: 10,000 followers of one hotel, each signed in on a WebSocket to one node. The server's memory per idle
// socket, then, over a few rounds, the time from the hotelier's publishing of a coupon (just before the request is
// written) to each follower's receipt of its notification, and the check that each got exactly one per round.
#include "dataset.hpp"
#include "scenarios.hpp"
#include "server_probe.hpp"
#include "ws_load.hpp"

#include <algorithm>
#include <thread>

namespace hc::bench {
namespace {

constexpr double kTargetP99Ms = 100;
constexpr double kTargetKibPerSocket = 10;
constexpr auto kSettle = std::chrono::seconds(2);
constexpr auto kRoundTimeout = std::chrono::seconds(20);
constexpr auto kAfterLastRound = std::chrono::milliseconds(500);  // for a duplicate to show up
constexpr std::string_view kNotification = R"("type":"notification")";

struct Plan {
  int followers = 10000;
  int rounds = 3;
};

struct Audience {
  std::vector<std::string> tokens;  // the followers'
  std::vector<std::string> drafts;  // one coupon to publish per round
  std::string hotelier;             // the hotel owner's token
};

// Writes the hotel, its followers and its draft coupons, and starts the server with room for every socket.
Audience prepare(Stage& stage, const Plan& plan) {
  progress("fanout (" + std::string(name_of(stage.profile())) + "): " + std::to_string(plan.followers) +
           " followers of one hotel");
  const GeneratedHotel hotel = add_hotels(stage.database(), 1).front();
  const std::vector<std::string> travellers = add_travellers(stage.database(), plan.followers);
  follow(stage.database(), travellers, hotel, 4);
  Audience audience;
  for (const std::string& id : travellers) audience.tokens.push_back(stage.tokens().token_for(id, Role::user));
  for (int r = 0; r < plan.rounds; ++r)
    audience.drafts.push_back(add_coupon(stage.database(), hotel, std::nullopt, "draft"));
  audience.hotelier = stage.tokens().token_for(hotel.owner_id, Role::hotelier);
  stage.start({"--max-connections", std::to_string(plan.followers + 1000)});
  return audience;
}

// Publishes the draft and waits until the fleet has received `expected` notifications in all (or the timeout);
// the moment just before the request.
WsClock::time_point publish(Stage& stage, const Audience& audience, const std::string& draft, const WsFleet& fleet,
                            std::uint64_t expected) {
  const auto started = WsClock::now();
  const Answer answer = fetch(stage.server().port(), {"/api/v1/coupons/" + draft, audience.hotelier,
                                                      boost::beast::http::verb::patch, R"({"status":"active"})"});
  if (answer.status != 200)
    throw std::runtime_error("publishing answered " + std::to_string(answer.status) + ": " + answer.body);
  const auto deadline = WsClock::now() + kRoundTimeout;
  while (fleet.received() < expected && WsClock::now() < deadline)
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  return started;
}

struct Receipts {
  Latencies latencies;
  std::uint64_t missing = 0;
  std::uint64_t duplicates = 0;
  double deliveries_per_second = 0;  // followers per round over the time until the last of them had it
  double first_ms = 0;               // until the first follower had it, the slowest round's
};

// Each socket's notification of each round's coupon: one expected, timed from that round's request.
Receipts tally(const WsFleet& fleet, const std::vector<std::string>& coupons,
               const std::vector<WsClock::time_point>& started) {
  Receipts receipts;
  std::vector<WsClock::duration> slowest(coupons.size(), WsClock::duration::zero());
  std::vector<WsClock::duration> first(coupons.size(), WsClock::duration::max());
  for (std::size_t s = 0; s < fleet.size(); ++s) {
    for (std::size_t r = 0; r < coupons.size(); ++r) {
      std::uint64_t seen = 0;
      for (const Received& message : fleet.messages(s)) {
        if (message.text.find(coupons[r]) == std::string::npos) continue;
        if (++seen > 1) continue;
        const auto took = message.at - started[r];
        slowest[r] = std::max(slowest[r], took);
        first[r] = std::min(first[r], took);
        receipts.latencies.add(
            static_cast<std::uint32_t>(std::chrono::duration_cast<std::chrono::microseconds>(took).count()));
      }
      if (seen == 0) ++receipts.missing;
      if (seen > 1) receipts.duplicates += seen - 1;
    }
  }
  double seconds = 0;
  for (const auto& each : slowest) seconds += std::chrono::duration<double>(each).count();
  const auto delivered = static_cast<double>(receipts.latencies.count());
  receipts.deliveries_per_second = seconds > 0 ? delivered / seconds : 0;
  const auto latest_first = *std::max_element(first.begin(), first.end());
  receipts.first_ms = std::chrono::duration<double, std::milli>(latest_first).count();
  return receipts;
}

// The server's resident memory once it has been quiet a moment.
double settled_rss_mib(Stage& stage) {
  std::this_thread::sleep_for(kSettle);
  return stage.server().usage().rss_mib;
}

}  // namespace

std::vector<Row> run_fanout(const Options& options) {
  const Plan plan = options.quick ? Plan{500, 2} : Plan{};
  std::vector<Row> rows;
  for (const Profile profile : options.profiles) {
    Stage stage(options, profile);
    const Audience audience = prepare(stage, plan);
    const double idle_mib = settled_rss_mib(stage);
    WsFleet fleet(stage.server().port(), std::string(kNotification));
    fleet.connect(audience.tokens);
    const double connected_mib = settled_rss_mib(stage);
    const double sessions = metric(stage.server().port(), "hc_websocket_sessions");
    if (sessions != static_cast<double>(audience.tokens.size())) {
      throw std::runtime_error("the server counts " + std::to_string(sessions) + " signed-in sockets");
    }
    const double kib_per_socket = (connected_mib - idle_mib) * 1024.0 / static_cast<double>(audience.tokens.size());
    progress("fanout: " + std::to_string(fleet.size()) + " sockets ready, " + std::to_string(kib_per_socket) +
             " KiB each; publishing " + std::to_string(plan.rounds) + " coupons");

    Measured measured;
    const double cpu_before = stage.server().usage().cpu_seconds;
    std::vector<WsClock::time_point> started;
    for (std::size_t r = 0; r < audience.drafts.size(); ++r) {
      started.push_back(publish(stage, audience, audience.drafts[r], fleet, (r + 1) * audience.tokens.size()));
    }
    std::this_thread::sleep_for(kAfterLastRound);
    measured.server_cpu_seconds = stage.server().usage().cpu_seconds - cpu_before;
    measured.server_peak_mib = stage.server().usage().peak_rss_mib;
    fleet.close_all();
    Receipts receipts = tally(fleet, audience.drafts, started);
    measured.load.latencies = std::move(receipts.latencies);

    Row row =
        stage.row("fanout", "coupon published -> each follower", receipts.deliveries_per_second, "notif/s", measured);
    const bool exact = receipts.missing == 0 && receipts.duplicates == 0 && fleet.failures() == 0;
    row.target = verdict("p99 <= 100 ms, <= 10 KiB per idle socket, exactly one each",
                         exact && row.latency.p99_ms <= kTargetP99Ms && kib_per_socket <= kTargetKibPerSocket);
    row.details = {{"sockets", fleet.size()},
                   {"rounds", plan.rounds},
                   {"notifications_received", measured.load.latencies.count()},
                   {"missing", receipts.missing},
                   {"duplicates", receipts.duplicates},
                   {"socket_failures", fleet.failures()},
                   {"first_receipt_ms_slowest_round", receipts.first_ms},
                   {"server_rss_mib_idle", idle_mib},
                   {"server_rss_mib_connected", connected_mib},
                   {"server_kib_per_socket", kib_per_socket}};
    if (fleet.failures() > 0) row.details["first_failure"] = fleet.first_failure();
    rows.push_back(std::move(row));
    if (!exact) {
      print_table(rows);
      throw std::runtime_error(
          "not every follower got exactly one notification per round: " + std::to_string(receipts.missing) +
          " missing, " + std::to_string(receipts.duplicates) + " duplicates");
    }
  }
  return rows;
}

}  // namespace hc::bench
