// ingest: 1,000 signed-in sockets write interaction frames (view, click, share of one hotel's coupons) as fast as
// the server reads them: first alone, then while 64 connections search. Events per second accepted, the lag until
// the hotelier's counters show them all, and the search latency meanwhile against a baseline taken before.
//
// Accepted means taken by the server: frames it read (each write ends with a ping, and its pong comes after the
// frames before it were read) minus those the socket batcher dropped for want of room, which it counts in
// hc_interaction_dropped_total (/metrics, the only count of socket events the server exposes). The lag is until
// the hotelier's totals for today (GET /hotelier/stats) show every accepted event.
#include "dataset.hpp"
#include "scenarios.hpp"
#include "search_queries.hpp"
#include "server_probe.hpp"
#include "ws_load.hpp"

#include <algorithm>
#include <array>
#include <functional>
#include <thread>

namespace hc::bench {
namespace {

constexpr int kSockets = 1000;
constexpr int kSearchHotels = 100;
constexpr int kCouponsPerHotel = 200;
constexpr int kInteractedCoupons = 50;  // of the first hotel, the one whose counters are read
constexpr std::size_t kFramesPerWrite = 64;
constexpr std::size_t kSearchConnections = 64;
constexpr double kTargetRate = 200000;
constexpr double kTargetLagSeconds = 1;
constexpr double kTargetSearchRatio = 1.2;
constexpr auto kCountedTimeout = std::chrono::seconds(60);

struct Setup {
  std::vector<std::string> coupons;  // the interacted ones
  std::vector<std::string> sockets;  // the travellers' tokens, one socket each
  std::string searcher;
  std::string hotelier;
};

// A search data set (fewer coupons than the search scenario's), the coupons interacted with, and the server.
Setup prepare(Stage& stage, const Options& options) {
  const int hotels = options.quick ? 20 : kSearchHotels;
  progress("ingest (" + std::string(name_of(stage.profile())) + "): " + std::to_string(hotels * kCouponsPerHotel) +
           " coupons to search, " + std::to_string(kSockets) + " sockets");
  const auto generated = add_hotels(stage.database(), hotels);
  add_coupons(stage.database(), generated, kCouponsPerHotel, 4);
  Setup setup;
  for (int i = 0; i < kInteractedCoupons; ++i) {
    setup.coupons.push_back(add_coupon(stage.database(), generated.front(), std::nullopt, "active"));
  }
  const std::vector<std::string> travellers = add_travellers(stage.database(), kSockets + 1);
  for (const std::string& id : travellers) setup.sockets.push_back(stage.tokens().token_for(id, Role::user));
  setup.searcher = setup.sockets.back();
  setup.sockets.pop_back();
  setup.hotelier = stage.tokens().token_for(generated.front().owner_id, Role::hotelier);
  stage.start();
  return setup;
}

// The search scenario's query mix on 64 connections, measured after a warm-up.
Measured search(Stage& stage, const Setup& setup, const Options& options) {
  LoadPlan plan;
  plan.connections = kSearchConnections;
  plan.warmup = options.quick ? std::chrono::milliseconds(200) : std::chrono::seconds(1);
  plan.duration = options.quick ? std::chrono::milliseconds(800) : std::chrono::seconds(9);
  Measured measured = stage.measure(plan, [&](std::size_t connection, std::uint64_t n) {
    return std::optional<Request>(Request{search_query(connection * 131 + n), setup.searcher});
  });
  expect_only(measured.load, 200, "search");
  return measured;
}

// One socket's frames for one write: its share of the coupons, the three actions in turn.
std::vector<std::string> frames_for(const Setup& setup, std::size_t socket) {
  static constexpr std::array<std::string_view, 3> kActions{"view", "click", "share"};
  std::vector<std::string> frames;
  for (std::size_t i = 0; i < kFramesPerWrite; ++i) {
    const std::string& coupon = setup.coupons[(socket + i) % setup.coupons.size()];
    frames.push_back(R"({"type":"interaction","coupon_id":")" + coupon + R"(","action":")" +
                     std::string(kActions[i % kActions.size()]) + "\"}");
  }
  return frames;
}

struct Flood {
  std::uint64_t sent = 0;
  double seconds = 0;  // from the first write until the server had read the last frame
  double server_cpu_seconds = 0;
  WsClock::time_point read_all;
};

// The sockets write while `meanwhile` runs; the flood ends once the server has read every frame written.
Flood flood(Stage& stage, const Setup& setup, WsFleet& fleet, const std::function<void()>& meanwhile) {
  Flood flood;
  const double cpu_before = stage.server().usage().cpu_seconds;
  const auto started = WsClock::now();
  fleet.start_sending([&](std::size_t socket) { return frames_for(setup, socket); });
  meanwhile();
  flood.sent = fleet.stop_sending();
  flood.read_all = WsClock::now();
  flood.seconds = std::chrono::duration<double>(flood.read_all - started).count();
  flood.server_cpu_seconds = stage.server().usage().cpu_seconds - cpu_before;
  return flood;
}

// The server's own counts of socket events, read before a flood and after it.
struct Tallies {
  std::int64_t counted = 0;  // the hotelier's totals for today
  double dropped = 0;        // hc_interaction_dropped_total
};

Tallies read_tallies(Stage& stage, const Setup& setup) {
  return {interactions_today(stage.server().port(), setup.hotelier),
          metric(stage.server().port(), "hc_interaction_dropped_total")};
}

struct Counted {
  std::int64_t events = 0;  // counted in this flood
  double dropped = 0;       // dropped in this flood
  double lag_seconds = 0;   // from the server having read the last frame until counted + dropped = sent
  bool complete = false;    // false: still not all counted when the wait timed out
  double queue_depth = 0;   // what the last fold pass saw waiting
  [[nodiscard]] double accepted(const Flood& flood) const { return static_cast<double>(flood.sent) - dropped; }
};

// Polls the hotelier's counters (and the drops) until every event of the flood is either counted or dropped.
Counted wait_counted(Stage& stage, const Setup& setup, const Flood& flood, const Tallies& before) {
  Counted counted;
  const auto deadline = flood.read_all + kCountedTimeout;
  do {
    const Tallies now = read_tallies(stage, setup);
    counted.events = now.counted - before.counted;
    counted.dropped = now.dropped - before.dropped;
    counted.complete = static_cast<double>(counted.events) + counted.dropped >= static_cast<double>(flood.sent);
    if (!counted.complete) std::this_thread::sleep_for(std::chrono::milliseconds(20));
  } while (!counted.complete && WsClock::now() < deadline);
  counted.lag_seconds = std::chrono::duration<double>(WsClock::now() - flood.read_all).count();
  counted.queue_depth = metric(stage.server().port(), "hc_interaction_queue_depth");
  return counted;
}

Row events_row(Stage& stage, const std::string& subject, const Flood& flood, const Counted& counted) {
  Measured measured;
  measured.server_cpu_seconds = flood.server_cpu_seconds;
  measured.server_peak_mib = stage.server().usage().peak_rss_mib;
  const double rate = counted.accepted(flood) / flood.seconds;
  Row row = stage.row("ingest", subject, rate, "events/s", measured);
  row.target = verdict(">= 200,000 events/s accepted, counters <= 1 s behind",
                       counted.complete && rate >= kTargetRate && counted.lag_seconds <= kTargetLagSeconds);
  row.details = {{"frames_sent", flood.sent},
                 {"events_accepted", counted.accepted(flood)},
                 {"events_dropped", counted.dropped},
                 {"seconds", flood.seconds},
                 {"events_counted", counted.events},
                 {"all_counted", counted.complete},
                 {"counter_lag_s", counted.lag_seconds},
                 {"counted_per_s_overall", static_cast<double>(counted.events) / (flood.seconds + counted.lag_seconds)},
                 {"queue_depth_at_end", counted.queue_depth},
                 {"accepted_means",
                  "frames the server read (a ping answered after them) minus "
                  "hc_interaction_dropped_total; counted: GET /hotelier/stats totals"}};
  return row;
}

// A flood, then the wait until it is counted; its row. `uncounted`: events an earlier flood had accepted but not
// yet counted when its wait ended (they are counted first, so this flood's own count starts after them).
Row flood_and_count(Stage& stage, const Setup& setup, WsFleet& fleet, const std::string& subject,
                    const std::function<void()>& meanwhile, std::int64_t& uncounted) {
  Tallies before = read_tallies(stage, setup);
  before.counted += uncounted;
  const Flood flooded = flood(stage, setup, fleet, meanwhile);
  const Counted counted = wait_counted(stage, setup, flooded, before);
  uncounted = std::max<std::int64_t>(0, static_cast<std::int64_t>(counted.accepted(flooded)) - counted.events);
  Row row = events_row(stage, subject, flooded, counted);
  if (fleet.failures() > 0) row.details["socket_failures"] = fleet.failures();
  return row;
}

}  // namespace

std::vector<Row> run_ingest(const Options& options) {
  const auto alone = options.quick ? std::chrono::seconds(1) : std::chrono::seconds(5);
  std::vector<Row> rows;
  for (const Profile profile : options.profiles) {
    Stage stage(options, profile);
    const Setup setup = prepare(stage, options);
    progress("ingest: search baseline");
    Measured baseline = search(stage, setup, options);
    WsFleet fleet(stage.server().port(), R"("type":"error")");
    fleet.connect(setup.sockets);
    progress("ingest: " + std::to_string(fleet.size()) + " sockets writing, alone");
    std::int64_t uncounted = 0;
    Row by_itself = flood_and_count(
        stage, setup, fleet, "interaction frames, 1,000 sockets", [&] { std::this_thread::sleep_for(alone); },
        uncounted);
    progress("ingest: " + std::to_string(fleet.size()) + " sockets writing, search measured meanwhile");
    Measured during_search;
    Row with_search = flood_and_count(
        stage, setup, fleet, "interaction frames, while searched",
        [&] { during_search = search(stage, setup, options); }, uncounted);
    fleet.close_all();
    with_search.details["error_frames_received"] = fleet.received();

    Row base = stage.row("ingest", "search before (baseline)", baseline.load.per_second(), "req/s", baseline);
    base.target = "baseline";
    Row during = stage.row("ingest", "search during ingest", during_search.load.per_second(), "req/s", during_search);
    const double ratio = base.latency.p99_ms > 0 ? during.latency.p99_ms / base.latency.p99_ms : 0;
    during.target = verdict("p99 <= 1.2 x baseline", ratio <= kTargetSearchRatio);
    during.details["p99_ratio_to_baseline"] = ratio;
    for (Row* row : {&base, &by_itself, &with_search, &during}) rows.push_back(std::move(*row));
  }
  return rows;
}

}  // namespace hc::bench
