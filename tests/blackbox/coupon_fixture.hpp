#pragma once
// What the coupon, search, hotel and upload suites share: one real server per test, hoteliers and travellers
// registered through the API, small wrappers over the coupon routes, and a check after every test that the
// server never answered 5xx and is still healthy.
#include "harness.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <chrono>
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hc::test {

namespace json = boost::json;


struct HotelSpec {
  std::string name = "Hotel Test";
  std::string city = "Dublin";
  std::string country = "Ireland";
  std::string timezone = "Europe/Dublin";
  std::string description = "A test hotel";
};

struct Hotelier {
  std::string token;
  std::string user_id;
  std::string hotel_id;
};

//! Percent-encodes a query parameter value (RFC 3986 unreserved characters stay as they are).
std::string url_encode(std::string_view text);

//! "a=1&b=2" from name/value pairs, each value percent-encoded.
std::string query_string(const std::vector<std::pair<std::string, std::string>>& params);

//! The UTC calendar date of an instant, as "YYYY-MM-DD".
std::string iso_date(std::chrono::sys_days day);
//! The calendar date `offset` after (before, if negative) the UTC date of now shifted by `utc_offset`.
std::string local_date_string(std::chrono::system_clock::time_point now, std::chrono::seconds utc_offset,
                              int offset_days = 0);
//! An instant as RFC 3339 UTC ("2026-11-22T10:00:00Z").
std::string rfc3339(std::chrono::system_clock::time_point time);

//! Parses an RFC 3339 UTC time as the server writes it; throws on anything else.
std::chrono::sys_seconds parse_utc(std::string_view text);

//! A valid coupon body: title, discount and a validity ending well in the future; extra fields overwrite.
json::object coupon_body(std::string_view title, std::int64_t discount = 20, const json::object& extra = {});

//! The item ids of a list answer ({items: [...]}).
std::vector<std::string> item_ids(const json::value& page);
//! The ids of the items, in order.
std::vector<std::string> ids_of(const std::vector<json::object>& items);
//! The ids of the items, where order does not matter.
std::set<std::string> id_set(const std::vector<json::object>& items);

class CouponApiTest : public ::testing::Test {
 protected:
  CouponApiTest() = default;
  //! The server gets these extra flags (e.g. {"--worker-threads", "8"}).
  explicit CouponApiTest(std::vector<std::string> server_args) : server(std::move(server_args)) {}

  //! Every test ends with: no 5xx answered (seen by the client or logged by the server), /healthz 200.
  void TearDown() override;

  //! Registers a hotelier with the given hotel and signs in.
  Hotelier hotelier(const std::string& email, const HotelSpec& hotel = {}, const std::string& name = "Hotel Owner");
  //! Registers a traveller and signs in; returns the access token.
  std::string traveller(const std::string& email);

  HttpResult send(boost::beast::http::verb method, const std::string& target, const std::string& body,
                  const std::string& token, const std::string& content_type = "application/json",
                  const Headers& extra = {});
  HttpResult get(const std::string& target, const std::string& token);

  HttpResult create(const std::string& token, const json::object& body);
  //! Creates and expects 201; returns the coupon (an empty object after a failure was recorded).
  json::object create_ok(const std::string& token, const json::object& body);
  //! Creates an active coupon and returns its id ("" after a recorded failure).
  std::string create_active(const std::string& token, std::string_view title, std::int64_t discount = 20,
                            const json::object& extra = {});
  HttpResult patch(const std::string& token, const std::string& coupon_id, const json::object& body);
  HttpResult get_coupon(const std::string& token, const std::string& coupon_id);
  //! GET /api/v1/coupons?<query>.
  HttpResult search(const std::string& token, const std::string& query);
  //! Follows next_cursor from the first page until the end; records a failure on any non-200 page or if
  //! the pages never end. Returns every item in order; `pages` receives the page count.
  std::vector<json::object> search_all(const std::string& token, const std::string& query, int* pages = nullptr);
  //! The same for GET /api/v1/hotelier/coupons.
  std::vector<json::object> hotelier_list_all(const std::string& token, const std::string& query,
                                              int* pages = nullptr);
  HttpResult put_image(const std::string& token, const std::string& target, const std::string& bytes,
                       const std::string& content_type);

  //! GET path?query, then each next_cursor until the end; records a failure on any non-200 page or if the pages
  //! never end (a cursor comes back, or more than `max_pages`). Returns every item in order; `pages` receives the
  //! page count.
  std::vector<json::object> follow_pages(const std::string& path, const std::string& token, const std::string& query,
                                         int max_pages, int* pages);

  ServerProcess server;
  HttpClient client{server.port()};
  std::vector<std::string> server_errors;  // "METHOD target → status" for every 5xx the client saw
  // A test that takes a dependency away expects 503 (a dependency unavailable); any other 5xx still fails it.
  bool outage_expected = false;
};

}  // namespace hc::test
