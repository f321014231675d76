// search: 100,000 generated coupons over 500 hotels; 64 connections asking a mix of common, rare and prefix
// queries, with and without filters, as travellers do.
#include "dataset.hpp"
#include "scenarios.hpp"
#include "search_queries.hpp"

#include <boost/json/parse.hpp>

#include <mutex>

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

// Asks each query of the mix once: every one must answer 200, and how many coupons each found (first page) goes
// into the details, so a reader sees the mix finds things.
boost::json::object sample_answers(Stage& stage, const std::string& token) {
  constexpr std::uint64_t kKinds = 16;
  std::mutex mutex;
  boost::json::object found;
  std::string refused;
  LoadPlan plan;
  plan.connections = 1;
  plan.threads = 1;
  std::vector<std::string> targets;
  for (std::uint64_t n = 0; n < kKinds; ++n) targets.push_back(search_query(n));
  std::uint64_t next_answer = 0;
  const Measured sampled = stage.measure(
      plan,
      [&](std::size_t, std::uint64_t n) -> std::optional<Request> {
        if (n >= kKinds) return std::nullopt;
        return Request{targets[n], token};
      },
      [&](unsigned status, const std::string& body) {
        const std::lock_guard lock(mutex);
        const std::string& target = targets[next_answer++];
        if (status == 200) found[target] = boost::json::parse(body).at("items").as_array().size();
        else if (refused.empty()) refused = target + " answered " + std::to_string(status) + ": " + body;
      });
  if (!refused.empty()) throw std::runtime_error("search " + refused);
  if (sampled.load.requests != kKinds) throw std::runtime_error("the sample queries did not all answer");
  return found;
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
    row.details["first_page_sizes"] = found;
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace hc::bench
