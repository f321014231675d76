#include "coupon_fixture.hpp"

#include <algorithm>
#include <cstdio>
#include <regex>
#include <set>
#include <stdexcept>

namespace hc::test {

using http_verb = boost::beast::http::verb;

std::string url_encode(std::string_view text) {
  static constexpr std::string_view kHex = "0123456789ABCDEF";
  std::string out;
  for (const char c : text) {
    const auto byte = static_cast<unsigned char>(c);
    const bool unreserved = (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' ||
                            c == '.' || c == '_' || c == '~';
    if (unreserved) {
      out += c;
    } else {
      out += '%';
      out += kHex[byte >> 4U];
      out += kHex[byte & 0x0FU];
    }
  }
  return out;
}

std::string query_string(const std::vector<std::pair<std::string, std::string>>& params) {
  std::string out;
  for (const auto& [name, value] : params) {
    if (!out.empty()) out += '&';
    out += name + "=" + url_encode(value);
  }
  return out;
}

std::string iso_date(std::chrono::sys_days day) {
  const std::chrono::year_month_day ymd{day};
  char text[16];
  std::snprintf(text, sizeof text, "%04d-%02u-%02u", static_cast<int>(ymd.year()), static_cast<unsigned>(ymd.month()),
                static_cast<unsigned>(ymd.day()));
  return text;
}

std::string local_date_string(std::chrono::system_clock::time_point now, std::chrono::seconds utc_offset,
                              int offset_days) {
  const auto local = std::chrono::floor<std::chrono::seconds>(now) + utc_offset;
  return iso_date(std::chrono::floor<std::chrono::days>(local) + std::chrono::days{offset_days});
}

std::string rfc3339(std::chrono::system_clock::time_point time) {
  const auto seconds = std::chrono::floor<std::chrono::seconds>(time);
  const auto day = std::chrono::floor<std::chrono::days>(seconds);
  const std::chrono::hh_mm_ss clock{seconds - day};
  char text[16];
  std::snprintf(text, sizeof text, "T%02d:%02d:%02dZ", static_cast<int>(clock.hours().count()),
                static_cast<int>(clock.minutes().count()), static_cast<int>(clock.seconds().count()));
  return iso_date(day) + text;
}

std::chrono::sys_seconds parse_utc(std::string_view text) {
  static const std::regex shape(R"((\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2}):(\d{2})Z)");
  std::cmatch match;
  if (!std::regex_match(text.begin(), text.end(), match, shape)) {
    throw std::runtime_error("not an RFC 3339 UTC time: " + std::string(text));
  }
  const auto number = [&](std::size_t i) { return std::stoi(match[i].str()); };
  const std::chrono::year_month_day ymd{std::chrono::year{number(1)},
                                        std::chrono::month{static_cast<unsigned>(number(2))},
                                        std::chrono::day{static_cast<unsigned>(number(3))}};
  if (!ymd.ok()) throw std::runtime_error("not a calendar date: " + std::string(text));
  return std::chrono::sys_days{ymd} + std::chrono::hours{number(4)} + std::chrono::minutes{number(5)} +
         std::chrono::seconds{number(6)};
}

json::object coupon_body(std::string_view title, std::int64_t discount, const json::object& extra) {
  json::object body{{"title", title}, {"discount_percent", discount}, {"valid_until", "2099-12-31"}};
  for (const auto& [key, value] : extra) body[key] = value;
  return body;
}

std::vector<std::string> item_ids(const json::value& page) {
  std::vector<std::string> ids;
  const auto* items = page.is_object() ? page.as_object().if_contains("items") : nullptr;
  if (items == nullptr || !items->is_array()) return ids;
  for (const auto& item : items->as_array()) ids.push_back(json_text(item, "/id"));
  return ids;
}

std::vector<std::string> ids_of(const std::vector<json::object>& items) {
  std::vector<std::string> ids;
  for (const auto& item : items) ids.push_back(json_text(item, "/id"));
  return ids;
}

std::set<std::string> id_set(const std::vector<json::object>& items) {
  const std::vector<std::string> ids = ids_of(items);
  return {ids.begin(), ids.end()};
}

void CouponApiTest::TearDown() {
  EXPECT_TRUE(server_errors.empty()) << "the server answered 5xx: " << joined(server_errors);
  const std::string log = server.log();
  static const std::regex five_hundred(R"("status":5\d\d)");
  static const std::regex five_hundred_but_503(R"("status":5(?!03)\d\d)");
  std::smatch match;
  EXPECT_FALSE(std::regex_search(log, match, outage_expected ? five_hundred_but_503 : five_hundred))
      << "the server logged a 5xx answer:\n" << log;
  const auto health = client.get("/healthz");
  EXPECT_EQ(health.status, 200u) << health.body;
}

HttpResult CouponApiTest::send(http_verb method, const std::string& target, const std::string& body,
                               const std::string& token, const std::string& content_type, const Headers& extra) {
  Headers headers = extra;
  if (!content_type.empty()) headers.emplace_back("Content-Type", content_type);
  if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
  HttpResult result = client.request(method, target, body, headers);
  if (result.status >= 500 && !(outage_expected && result.status == 503)) {
    server_errors.push_back(std::string(boost::beast::http::to_string(method)) + " " + target + " -> " +
                            std::to_string(result.status) + " " + result.body);
  }
  return result;
}

HttpResult CouponApiTest::get(const std::string& target, const std::string& token) {
  return send(http_verb::get, target, {}, token, {});
}

Hotelier CouponApiTest::hotelier(const std::string& email, const HotelSpec& hotel, const std::string& name) {
  json::object body{{"email", email},
                    {"password", kTestPassword},
                    {"name", name},
                    {"role", "hotelier"},
                    {"hotel", json::object{{"name", hotel.name},
                                           {"city", hotel.city},
                                           {"country", hotel.country},
                                           {"timezone", hotel.timezone},
                                           {"description", hotel.description}}}};
  const auto registered = send(http_verb::post, "/api/v1/auth/register", json::serialize(body), {});
  EXPECT_EQ(registered.status, 201u) << registered.body;
  const auto session = login(client, email, std::string(kTestPassword));
  EXPECT_EQ(session.status, 200u) << session.body;
  if (registered.status != 201 || session.status != 200) return {};
  const auto user = registered.json();
  return Hotelier{json_text(session.json(), "/access_token"), json_text(user, "/user/id"),
                  json_text(user, "/user/hotel/id")};
}

std::string CouponApiTest::traveller(const std::string& email) { return sign_up(client, email); }

HttpResult CouponApiTest::create(const std::string& token, const json::object& body) {
  return send(http_verb::post, "/api/v1/coupons", json::serialize(body), token);
}

json::object CouponApiTest::create_ok(const std::string& token, const json::object& body) {
  const auto result = create(token, body);
  EXPECT_EQ(result.status, 201u) << json::serialize(body) << "\n" << result.body;
  if (result.status != 201) return {};
  return result.json().as_object();
}

std::string CouponApiTest::create_active(const std::string& token, std::string_view title, std::int64_t discount,
                                         const json::object& extra) {
  json::object body = coupon_body(title, discount, extra);
  if (!body.contains("status")) body["status"] = "active";
  const json::object coupon = create_ok(token, body);
  return json_text(coupon, "/id");
}

HttpResult CouponApiTest::patch(const std::string& token, const std::string& coupon_id, const json::object& body) {
  return send(http_verb::patch, "/api/v1/coupons/" + coupon_id, json::serialize(body), token);
}

HttpResult CouponApiTest::get_coupon(const std::string& token, const std::string& coupon_id) {
  return get("/api/v1/coupons/" + coupon_id, token);
}

HttpResult CouponApiTest::search(const std::string& token, const std::string& query) {
  return get("/api/v1/coupons" + (query.empty() ? std::string{} : "?" + query), token);
}

std::vector<json::object> CouponApiTest::follow_pages(const std::string& path, const std::string& token,
                                                      const std::string& query, int max_pages, int* pages) {
  std::vector<json::object> items;
  std::string cursor;
  int count = 0;
  std::set<std::string> cursors_seen;
  while (true) {
    std::string target = path;
    std::string params = query;
    if (!cursor.empty()) params += (params.empty() ? "" : "&") + std::string("cursor=") + url_encode(cursor);
    if (!params.empty()) target += "?" + params;
    const auto page = get(target, token);
    ++count;
    if (page.status != 200) {
      ADD_FAILURE() << target << " -> " << page.status << " " << page.body;
      break;
    }
    const auto body = page.json();
    for (const auto& item : body.at("items").as_array()) items.push_back(item.as_object());
    const auto& next = body.at("next_cursor");
    if (next.is_null()) break;
    cursor = std::string(next.as_string());
    if (!cursors_seen.insert(cursor).second || count > max_pages) {
      ADD_FAILURE() << "the pages of " << path << "?" << query << " never end (cursor " << cursor << " again)";
      break;
    }
  }
  if (pages != nullptr) *pages = count;
  return items;
}

std::vector<json::object> CouponApiTest::search_all(const std::string& token, const std::string& query, int* pages) {
  return follow_pages("/api/v1/coupons", token, query, 200, pages);
}

std::vector<json::object> CouponApiTest::hotelier_list_all(const std::string& token, const std::string& query,
                                                           int* pages) {
  return follow_pages("/api/v1/hotelier/coupons", token, query, 200, pages);
}

HttpResult CouponApiTest::put_image(const std::string& token, const std::string& target, const std::string& bytes,
                                    const std::string& content_type) {
  return send(http_verb::put, target, bytes, token, content_type);
}

}  // namespace hc::test
