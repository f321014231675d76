// claim: a flash sale. 10,000 travellers claim one coupon of 1,000 units at once; grants per second, the latency
// of every claim, and the check that exactly 1,000 were granted and none is left.
#include "dataset.hpp"
#include "scenarios.hpp"

#include <boost/json/parse.hpp>
#include <boost/json/serialize.hpp>

#include <atomic>
#include <mutex>

namespace hc::bench {
namespace {

using Clock = std::chrono::steady_clock;

constexpr double kTargetGrantsPerSecond = 10000;

struct Sale {
  int travellers = 10000;
  std::int64_t units = 1000;
  std::size_t connections = 1000;  // each sends its travellers' claims one after another
};

}  // namespace

std::vector<Row> run_claim(const Options& options) {
  const Sale sale = options.quick ? Sale{1000, 100, 100} : Sale{};
  std::vector<Row> rows;
  for (const Profile profile : options.profiles) {
    Stage stage(options, profile);
    progress("claim (" + std::string(name_of(profile)) + "): " + std::to_string(sale.travellers) +
             " travellers, a coupon of " + std::to_string(sale.units) + " units");
    const GeneratedHotel hotel = add_hotels(stage.database(), 1).front();
    const std::string coupon_id = add_coupon(stage.database(), hotel, sale.units, "active");
    std::vector<std::string> tokens;
    for (const std::string& id : add_travellers(stage.database(), sale.travellers)) {
      tokens.push_back(stage.tokens().token_for(id, Role::user));
    }
    stage.start();

    const std::size_t per_connection = tokens.size() / sale.connections;
    LoadPlan plan;
    plan.connections = sale.connections;
    plan.connect_first = true;
    std::atomic<std::int64_t> last_grant_ns{0};
    std::mutex mutex;
    std::map<std::string, std::uint64_t> refusals;
    auto began = Clock::now();
    plan.measuring_started = [&] { began = Clock::now(); };
    Measured measured = stage.measure(
        plan,
        [&](std::size_t connection, std::uint64_t n) -> std::optional<Request> {
          if (n >= per_connection) return std::nullopt;
          return Request{"/api/v1/coupons/" + coupon_id + "/redeem", tokens[connection * per_connection + n],
                         boost::beast::http::verb::post};
        },
        [&](unsigned status, const std::string& body) {
          if (status == 201) {
            const std::int64_t at = std::chrono::duration_cast<std::chrono::nanoseconds>(Clock::now() - began).count();
            for (std::int64_t seen = last_grant_ns; at > seen && !last_grant_ns.compare_exchange_weak(seen, at);) {
            }
            return;
          }
          const std::string code(boost::json::parse(body).at("error").at("code").as_string());
          const std::lock_guard lock(mutex);
          ++refusals[code];
        });

    const std::uint64_t granted = measured.load.with_status(201);
    const double grant_seconds = static_cast<double>(last_grant_ns.load()) / 1e9;
    const double rate = grant_seconds > 0 ? static_cast<double>(granted) / grant_seconds : 0;
    const Answer coupon = fetch(stage.server().port(), {"/api/v1/coupons/" + coupon_id,
                                                        stage.tokens().token_for(hotel.owner_id, Role::hotelier)});
    const boost::json::value remaining = boost::json::parse(coupon.body).at("remaining");
    const bool exact =
        granted == static_cast<std::uint64_t>(sale.units) && remaining == 0 && measured.load.requests == tokens.size();
    // Granting more or fewer than the units is a bug, not a figure.
    if (!exact) {
      throw std::runtime_error(std::to_string(granted) + " granted of " + std::to_string(sale.units) + " units, " +
                               boost::json::serialize(remaining) + " left, " + std::to_string(measured.load.requests) +
                               " answers");
    }

    Row row = stage.row("claim", "POST /coupons/{id}/redeem, flash sale", rate, "grants/s", measured);
    row.target = verdict(
        "exactly " + std::to_string(sale.units) + " of " + std::to_string(sale.travellers) + " and >= 10,000 grants/s",
        exact && rate >= kTargetGrantsPerSecond);
    boost::json::object refused;
    for (const auto& [code, count] : refusals) refused[code] = count;
    row.details["granted"] = granted;
    row.details["remaining_after"] = remaining;
    row.details["refusals"] = refused;
    row.details["seconds_to_last_grant"] = grant_seconds;
    row.details["exactly_as_many_as_units"] = exact;
    rows.push_back(std::move(row));
  }
  return rows;
}

}  // namespace hc::bench
