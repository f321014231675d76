// search: 100,000 generated coupons over 500 hotels; 64 connections asking a mix of common, rare and prefix
// queries, with and without filters, as travellers do.
#include "dataset.hpp"
#include "scenarios.hpp"
#include "search_queries.hpp"

#include <boost/json/parse.hpp>

namespace hc::bench {
namespace {

constexpr std::size_t kConnections = 64;
constexpr int kHotels = 500;
constexpr int kCouponsPerHotel = 200;
constexpr double kTargetP99Ms = 15;
constexpr double kTargetRate = 5000;

// Writes the data set and starts the server; the token of the traveller who searches.
std::string prepare(Stage& stage, const Options& options) {
  const int hotels = options.quick ? 20 : kHotels;
  progress(std::string("search (") + std::string(name_of(stage.profile())) + "): generating " +
           std::to_string(hotels * kCouponsPerHotel) + " coupons over " + std::to_string(hotels) + " hotels");
  const auto generated = add_hotels(stage.database(), hotels);
  add_coupons(stage.database(), generated, kCouponsPerHotel, 4);
  const std::string token = stage.tokens().token_for(add_travellers(stage.database(), 1).front(), Role::user);
  stage.start();
  return token;
}

// Asks each query of the mix once, alone: every one must answer 200; how many coupons each found (first page)
// and how long it took alone go into the details, so a reader sees what the mix finds and which kinds cost most.
boost::json::object sample_answers(Stage& stage, const std::string& token) {
  constexpr std::uint64_t kKinds = 16;
  boost::json::object sampled;
  for (std::uint64_t n = 0; n < kKinds; ++n) {
    const std::string target = search_query(n);
    const auto started = std::chrono::steady_clock::now();
    const Answer answer = fetch(stage.server().port(), {target, token});
    const double ms = std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - started).count();
    if (answer.status != 200) {
      throw std::runtime_error("search " + target + " answered " + std::to_string(answer.status) + ": " + answer.body);
    }
    sampled[target] = {{"first_page", boost::json::parse(answer.body).at("items").as_array().size()}, {"alone_ms", ms}};
  }
  return sampled;
}

}  // namespace

std::vector<Row> run_search(const Options& options) {
  std::vector<Row> rows;
  for (const Profile profile : options.profiles) {
    Stage stage(options, profile);
    const std::string token = prepare(stage, options);
    const boost::json::object found = sample_answers(stage, token);
    progress("search: " + std::to_string(kConnections) + " connections");
    LoadPlan plan;
    plan.connections = kConnections;
    plan.warmup = options.quick ? std::chrono::milliseconds(200) : std::chrono::seconds(3);
    plan.duration = options.quick ? std::chrono::milliseconds(1000) : std::chrono::seconds(15);
    Measured measured = stage.measure(plan, [&](std::size_t connection, std::uint64_t n) {
      return std::optional<Request>(Request{search_query(connection * 131 + n), token});
    });
    expect_only(measured.load, 200, "search");
    Row row = stage.row("search", "GET /coupons, mixed queries", measured.load.per_second(), "req/s", measured);
    const bool met = row.latency.p99_ms <= kTargetP99Ms && row.rate >= kTargetRate;
    row.target = verdict("p99 <= 15 ms and >= 5,000 req/s", met);
    row.details["each_query_alone"] = found;
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace hc::bench
