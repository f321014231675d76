// Abuse, part three: sqlmap (Debian's) against the search and the front desk, signed in as the people who may use
// them, on each storage engine. sqlmap must find nothing injectable, and its requests must have reached the handlers
// (the server's log shows what each was answered): a run stopped at 401 or 429 could not have found anything.
//
// Sizes: HOTELCOUPON_ABUSE_SQLMAP_LEVEL and HOTELCOUPON_ABUSE_SQLMAP_RISK (default 1 and 1; a soak runs 3 and 2:
// more payloads, and cookies and headers tested too). Runs on the release build only (scripts/test).
#include "postgres_server.hpp"
#include "redemption_fixture.hpp"

#include <iostream>
#include <map>

namespace hc::test {
namespace {

enum class Engine { sqlite, postgresql };

std::vector<std::string> server_flags(Engine engine) {
  // The desk's wrong-code limit raised: sqlmap types hundreds of wrong codes, which must reach the lookup rather
  // than stop at 429.
  std::vector<std::string> flags{"--desk-max-failures", "1000000000"};
  if (engine == Engine::postgresql) {
    flags.emplace_back("--database-url");
    flags.push_back(shared_postgres().create_database());
  }
  return flags;
}

//! The answers the server logged to one method on one route pattern, by status.
std::map<unsigned, std::size_t> logged_statuses(const std::string& log, std::string_view method, std::string_view route) {
  std::map<unsigned, std::size_t> statuses;
  for (const auto& line : request_lines(log)) {
    if (json_text(line, "/method") == method && json_text(line, "/route") == route) {
      statuses[line.at("status").to_number<unsigned>()] += 1;
    }
  }
  return statuses;
}

std::string histogram(const std::map<unsigned, std::size_t>& statuses) {
  std::string text;
  for (const auto& [status, count] : statuses) text += " " + std::to_string(status) + "×" + std::to_string(count);
  return text.empty() ? " none" : text;
}

class Sqlmap : public RedemptionApiTest, public ::testing::WithParamInterface<Engine> {
 protected:
  Sqlmap() : RedemptionApiTest(server_flags(GetParam())) {}

  void SetUp() override {
    hotel = owner("owner@harbour.example", "Hana Owner", {"Harbour Hotel", "Dublin", "Ireland", "Europe/Dublin", "x"});
    ada = guest("ada@example.com", "Ada Lovelace");
    coupon = create_active(hotel.token, "Spa afternoon", 20, {{"per_user_limit", 5}});
    ASSERT_FALSE(coupon.empty());
  }

  //! Runs sqlmap with these arguments (the target and its data) and the common ones: no questions, a throwaway
  //! output folder, the caller's token. Returns what it printed.
  std::string run_sqlmap(const std::vector<std::string>& target, const std::string& token) {
    const TempDir work;
    std::vector<std::string> argv{"sqlmap",  "--batch", "--disable-coloring", "--flush-session",
                                  "--output-dir", work.str(), "--level", std::to_string(level), "--risk",
                                  std::to_string(risk), "--headers", "Authorization: Bearer " + token,
                                  "--timeout", "10"};
    argv.insert(argv.end(), target.begin(), target.end());
    const auto output_file = work.path() / "sqlmap.out";
    const auto exit_code = run_to_end(argv, output_file, std::chrono::minutes(10));
    std::string output = read_text_file(output_file);
    EXPECT_TRUE(exit_code.has_value()) << "sqlmap ran for over 10 minutes:\n" << output;
    EXPECT_NE(exit_code.value_or(0), 127) << "sqlmap is not installed (scripts/install-deps --test installs it)";
    return output;
  }

  //! sqlmap's verdict on one endpoint, and what the server answered it.
  void expect_nothing_injectable(const std::string& output, std::string_view method, std::string_view route) {
    EXPECT_NE(output.find("all tested parameters do not appear to be injectable"), std::string::npos)
        << "sqlmap did not finish with its verdict of nothing injectable:\n" << output;
    EXPECT_EQ(output.find("identified the following injection point"), std::string::npos)
        << "sqlmap found an injection:\n" << output;
    const auto statuses = logged_statuses(server.log(), method, route);
    std::size_t total = 0;
    for (const auto& [status, count] : statuses) total += count;
    std::cout << "sqlmap against " << method << " " << route << ": " << total << " requests, answered" << histogram(statuses) << "\n";
    // Signed in as the right person and not throttled: every request reached the handler.
    EXPECT_GE(total, kMinimumRequests) << "sqlmap sent too few requests to have tried anything:\n" << output;
    for (const unsigned refused : {401u, 403u, 429u}) {
      EXPECT_FALSE(statuses.contains(refused))
          << route << " answered " << refused << " to sqlmap, so those requests never reached the handler:"
          << histogram(statuses);
    }
  }

  // At level 1 sqlmap sends some 75 requests for one parameter, hundreds for several; fewer means it stopped early.
  static constexpr std::size_t kMinimumRequests = 50;
  const std::uint64_t level = env_count("HOTELCOUPON_ABUSE_SQLMAP_LEVEL", 1);
  const std::uint64_t risk = env_count("HOTELCOUPON_ABUSE_SQLMAP_RISK", 1);
  Hotelier hotel;
  Traveller ada;
  std::string coupon;
};

std::string base_url(const ServerProcess& server) { return "http://127.0.0.1:" + std::to_string(server.port()); }

TEST_P(Sqlmap, FindsNothingInjectableInTheSearch) {
  const std::string query = query_string({{"q", "spa"},
                                          {"city", "Dublin"},
                                          {"hotel", "Harbour"},
                                          {"hotel_id", hotel.hotel_id},
                                          {"min_discount", "10"},
                                          {"max_discount", "90"},
                                          {"sort", "discount"}});
  const std::string output = run_sqlmap({"-u", base_url(server) + "/api/v1/coupons?" + query}, ada.token);
  expect_nothing_injectable(output, "GET", "/api/v1/coupons");
  // The search still finds what it found before.
  EXPECT_EQ(item_ids(search(ada.token, "q=spa").json()), std::vector<std::string>{coupon});
}

TEST_P(Sqlmap, FindsNothingInjectableInTheDeskLookup) {
  const std::string code = json_text(redeem_ok(ada.token, coupon), "/code");
  ASSERT_FALSE(code.empty());
  const std::string output =
      run_sqlmap({"-u", base_url(server) + "/api/v1/hotelier/redemptions/lookup", "--data",
                  json::serialize(json::object{{"code", code}})},
                 hotel.token);
  expect_nothing_injectable(output, "POST", "/api/v1/hotelier/redemptions/lookup");
  EXPECT_EQ(lookup(hotel.token, code).status, 200u);
}

TEST_P(Sqlmap, FindsNothingInjectableInTheDeskUse) {
  // A code already used: every answer to the real code is the same 409, so sqlmap compares like with like.
  const std::string code = json_text(redeem_ok(ada.token, coupon), "/code");
  ASSERT_EQ(use(hotel.token, code).status, 200u);
  const std::string output = run_sqlmap(
      {"-u", base_url(server) + "/api/v1/hotelier/redemptions/use", "--data", json::serialize(json::object{{"code", code}})},
      hotel.token);
  expect_nothing_injectable(output, "POST", "/api/v1/hotelier/redemptions/use");
  // Only the one use happened: the claims of the coupon are one used, none other.
  const auto audit = desk_log(hotel.token);
  ASSERT_EQ(audit.status, 200u) << audit.body;
  EXPECT_EQ(audit.json().as_object().at("items").as_array().size(), 1u) << audit.body;
}

TEST_P(Sqlmap, FindsNothingInjectableInTheDeskUndo) {
  // A claim not used: undoing it is always the same 409, for the id in the path and the reason in the body.
  const std::string redemption = json_text(redeem_ok(ada.token, coupon), "/id");
  ASSERT_FALSE(redemption.empty());
  const std::string output =
      run_sqlmap({"-u", base_url(server) + "/api/v1/hotelier/redemptions/" + redemption + "*/undo", "--data",
                  R"({"reason":"guest changed their mind*"})"},
                 hotel.token);
  expect_nothing_injectable(output, "POST", "/api/v1/hotelier/redemptions/{id}/undo");
  EXPECT_EQ(json_text(wallet_entry(ada.token, redemption), "/status"), "redeemed");
}

INSTANTIATE_TEST_SUITE_P(Engines, Sqlmap, ::testing::Values(Engine::sqlite, Engine::postgresql),
                         [](const ::testing::TestParamInfo<Engine>& engine) {
                           return engine.param == Engine::sqlite ? "SQLite" : "PostgreSQL";
                         });

}  // namespace
}  // namespace hc::test
