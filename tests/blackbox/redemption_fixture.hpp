#pragma once
// What the claim, wallet, front-desk, following and race suites share: travellers and hoteliers with names of
// their own, wrappers over the redemption, desk and subscription routes, requests released all at once from
// pre-opened connections, and a check after every test that no code the test saw or typed reached the log.
#include "coupon_fixture.hpp"

#include <boost/beast/http/verb.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hc::test {

//! Crockford base32 as the codes use it (no I, L, O, U).
inline constexpr std::string_view kCodeAlphabet = "0123456789ABCDEFGHJKMNPQRSTVWXYZ";

struct Traveller {
  std::string token;
  std::string user_id;
  std::string name;
};

//! One request of a burst: sent on its own connection, opened before the burst is released.
struct BurstRequest {
  boost::beast::http::verb method = boost::beast::http::verb::get;
  std::string target;
  std::string body;  // sent as application/json when not empty
  std::string token;
  Headers headers;   // extra headers
};

//! The answers of a burst by status and error code, for messages.
std::string summary(const std::vector<HttpResult>& answers);

//! True if text has the canonical code shape "XXXX-XXXX-XXXX" in the code alphabet.
bool is_canonical_code(std::string_view text);

//! The error object of an error body without its request_id (to compare the shapes of two answers).
json::object error_without_request_id(const HttpResult& result);

//! The string member `key` of a JSON object (throws if it is missing or not a string).
std::string text(const json::object& object, std::string_view key);

class RedemptionApiTest : public CouponApiTest {
 protected:
  RedemptionApiTest() = default;
  explicit RedemptionApiTest(std::vector<std::string> server_args) : CouponApiTest(std::move(server_args)) {}

  //! CouponApiTest's checks, and that the log holds none of the codes the test saw or typed.
  void TearDown() override;

  //! Registers a traveller with this name and signs in.
  Traveller guest(const std::string& email, const std::string& name);
  //! Registers a hotelier with this name and hotel and signs in.
  Hotelier owner(const std::string& email, const std::string& name, const HotelSpec& hotel = {});

  //! A request with extra headers; 5xx answers are recorded like CouponApiTest::send does.
  HttpResult send_with(boost::beast::http::verb method, const std::string& target, const std::string& body,
                       const std::string& token, const Headers& extra = {});

  HttpResult redeem(const std::string& token, const std::string& coupon_id);
  //! Claims and expects 201; returns the redemption (empty after a recorded failure) and remembers its code.
  json::object redeem_ok(const std::string& token, const std::string& coupon_id);
  HttpResult cancel(const std::string& token, const std::string& redemption_id);
  HttpResult wallet(const std::string& token, const std::string& query = {});
  //! Every page of the wallet from the first; fails the test on a non-200 page or pages that never end.
  std::vector<json::object> wallet_all(const std::string& token, const std::string& query, int* pages = nullptr);
  //! The traveller's redemption with this id as the wallet shows it (empty if it is not there).
  json::object wallet_entry(const std::string& token, const std::string& redemption_id);

  HttpResult lookup(const std::string& token, const std::string& typed_code, const Headers& extra = {});
  HttpResult use(const std::string& token, const std::string& typed_code, const Headers& extra = {});
  HttpResult undo(const std::string& token, const std::string& redemption_id, const std::string& reason);
  HttpResult desk_log(const std::string& token, const std::string& query = {});

  HttpResult follow(const std::string& token, const std::string& hotel_id);
  HttpResult unfollow(const std::string& token, const std::string& hotel_id);
  HttpResult subscriptions(const std::string& token);
  //! The source ("manual" / "redeem") of the traveller's subscription to the hotel, or nullopt if not following.
  std::optional<std::string> following(const std::string& token, const std::string& hotel_id);
  //! The hotel's `followers` (-1 after a recorded failure).
  std::int64_t followers(const std::string& token, const std::string& hotel_id);
  //! The coupon's `remaining` (nullopt for unlimited; -1 after a recorded failure).
  std::optional<std::int64_t> remaining(const std::string& token, const std::string& coupon_id);

  //! `count` travellers (crowd<i>@example.com), registered and signed in from a few threads at once.
  std::vector<Traveller> crowd(std::size_t count);
  //! The first 100 notifications of the inbox once it holds `count` (delivery runs in the background), or the
  //! last ones read after 5 s.
  std::vector<json::object> inbox_when(const std::string& token, std::size_t count);
  //! The hotel's stats (`query` without its "?") once the totals reach `views` views and `uses` uses (folding
  //! runs in the background), or the last ones read when `timeout` has passed.
  json::object stats_when(const std::string& token, std::int64_t views, std::int64_t uses = 0,
                          const std::string& query = {}, std::chrono::milliseconds timeout = std::chrono::seconds(5));

  //! Opens one connection per request, then sends all of them at the same moment (threads released by a
  //! latch) and returns the answers in order; a failed exchange has status 0 and the reason in the body. Any
  //! 5xx or failed exchange is recorded as a server error.
  std::vector<HttpResult> all_at_once(const std::vector<BurstRequest>& requests);

  //! A code (or something typed as one) that must never reach the log.
  void remember_code(const std::string& code);

  std::vector<std::string> codes_seen;
};

}  // namespace hc::test
