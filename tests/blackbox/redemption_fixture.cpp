#include "redemption_fixture.hpp"

#include <algorithm>
#include <atomic>
#include <chrono>
#include <exception>
#include <latch>
#include <map>
#include <memory>
#include <thread>

namespace hc::test {

using http_verb = boost::beast::http::verb;

std::string summary(const std::vector<HttpResult>& answers) {
  std::map<std::string, int> counts;
  for (const auto& answer : answers) {
    std::string key = std::to_string(answer.status);
    const std::string code = answer.error_code();
    if (!code.empty()) key += " " + code;
    if (answer.status == 0) key += " (" + answer.body + ")";
    ++counts[key];
  }
  std::string out;
  for (const auto& [key, count] : counts) out += (out.empty() ? "" : ", ") + std::to_string(count) + " x " + key;
  return out;
}

bool is_canonical_code(std::string_view text) {
  if (text.size() != 14 || text[4] != '-' || text[9] != '-') return false;
  for (std::size_t i = 0; i < text.size(); ++i) {
    if (i == 4 || i == 9) continue;
    if (kCodeAlphabet.find(text[i]) == std::string_view::npos) return false;
  }
  return true;
}

json::object error_without_request_id(const HttpResult& result) {
  boost::system::error_code ec;
  const auto value = json::parse(result.body, ec);
  if (ec || !value.is_object()) return {};
  const auto* error = value.as_object().if_contains("error");
  if (error == nullptr || !error->is_object()) return {};
  json::object copy = error->as_object();
  copy.erase("request_id");
  return copy;
}

std::string text(const json::object& object, std::string_view key) { return std::string(object.at(key).as_string()); }

void RedemptionApiTest::TearDown() {
  CouponApiTest::TearDown();
  const std::string log = server.log();
  std::vector<std::string> secrets;
  for (const auto& code : codes_seen) {
    if (code.size() < 12) continue;
    secrets.push_back(code);
    if (is_canonical_code(code)) {
      std::string compact = code;
      compact.erase(std::remove(compact.begin(), compact.end(), '-'), compact.end());
      secrets.push_back(compact);
    }
  }
  const auto leaked = leaked_secrets(log, secrets);
  EXPECT_TRUE(leaked.empty()) << "the server log holds codes: " << joined(leaked);
}

void RedemptionApiTest::remember_code(const std::string& code) {
  if (!code.empty()) codes_seen.push_back(code);
}

Traveller RedemptionApiTest::guest(const std::string& email, const std::string& name) {
  const json::object body{{"email", email}, {"password", kTestPassword}, {"name", name}, {"role", "user"}};
  const auto registered = send(http_verb::post, "/api/v1/auth/register", json::serialize(body), {});
  EXPECT_EQ(registered.status, 201u) << registered.body;
  const auto session = login(client, email, std::string(kTestPassword));
  EXPECT_EQ(session.status, 200u) << session.body;
  if (registered.status != 201 || session.status != 200) return {};
  return Traveller{json_text(session.json(), "/access_token"), json_text(registered.json(), "/user/id"), name};
}

Hotelier RedemptionApiTest::owner(const std::string& email, const std::string& name, const HotelSpec& hotel) {
  return hotelier(email, hotel, name);
}

HttpResult RedemptionApiTest::send_with(http_verb method, const std::string& target, const std::string& body,
                                        const std::string& token, const Headers& extra) {
  return send(method, target, body, token, body.empty() ? "" : "application/json", extra);
}

HttpResult RedemptionApiTest::redeem(const std::string& token, const std::string& coupon_id) {
  HttpResult result = send_with(http_verb::post, "/api/v1/coupons/" + coupon_id + "/redeem", {}, token);
  if (result.status == 201) remember_code(json_text(result.json(), "/redemption/code"));
  return result;
}

json::object RedemptionApiTest::redeem_ok(const std::string& token, const std::string& coupon_id) {
  const auto result = redeem(token, coupon_id);
  EXPECT_EQ(result.status, 201u) << "claim of " << coupon_id << ": " << result.body;
  if (result.status != 201) return {};
  const auto body = result.json();
  const auto* redemption = body.as_object().if_contains("redemption");
  if (redemption == nullptr || !redemption->is_object()) {
    ADD_FAILURE() << "no redemption in " << result.body;
    return {};
  }
  return redemption->as_object();
}

HttpResult RedemptionApiTest::cancel(const std::string& token, const std::string& redemption_id) {
  return send_with(http_verb::post, "/api/v1/redemptions/" + redemption_id + "/cancel", {}, token);
}

HttpResult RedemptionApiTest::wallet(const std::string& token, const std::string& query) {
  return send_with(http_verb::get, "/api/v1/me/redemptions" + (query.empty() ? std::string{} : "?" + query), {},
                   token);
}

std::vector<json::object> RedemptionApiTest::wallet_all(const std::string& token, const std::string& query,
                                                        int* pages) {
  std::vector<json::object> items = follow_pages("/api/v1/me/redemptions", token, query, 100, pages);
  for (const auto& item : items) remember_code(json_text(item, "/code"));
  return items;
}

json::object RedemptionApiTest::wallet_entry(const std::string& token, const std::string& redemption_id) {
  for (auto& item : wallet_all(token, "limit=100")) {
    if (json_text(item, "/id") == redemption_id) return item;
  }
  return {};
}

HttpResult RedemptionApiTest::lookup(const std::string& token, const std::string& typed_code, const Headers& extra) {
  remember_code(typed_code);
  return send_with(http_verb::post, "/api/v1/hotelier/redemptions/lookup",
                   json::serialize(json::object{{"code", typed_code}}), token, extra);
}

HttpResult RedemptionApiTest::use(const std::string& token, const std::string& typed_code, const Headers& extra) {
  remember_code(typed_code);
  return send_with(http_verb::post, "/api/v1/hotelier/redemptions/use",
                   json::serialize(json::object{{"code", typed_code}}), token, extra);
}

HttpResult RedemptionApiTest::undo(const std::string& token, const std::string& redemption_id,
                                   const std::string& reason) {
  return send_with(http_verb::post, "/api/v1/hotelier/redemptions/" + redemption_id + "/undo",
                   json::serialize(json::object{{"reason", reason}}), token);
}

HttpResult RedemptionApiTest::desk_log(const std::string& token, const std::string& query) {
  return send_with(http_verb::get, "/api/v1/hotelier/desk-log" + (query.empty() ? std::string{} : "?" + query), {},
                   token);
}

HttpResult RedemptionApiTest::follow(const std::string& token, const std::string& hotel_id) {
  return send_with(http_verb::put, "/api/v1/hotels/" + hotel_id + "/subscription", {}, token);
}

HttpResult RedemptionApiTest::unfollow(const std::string& token, const std::string& hotel_id) {
  return send_with(http_verb::delete_, "/api/v1/hotels/" + hotel_id + "/subscription", {}, token);
}

HttpResult RedemptionApiTest::subscriptions(const std::string& token) {
  return send_with(http_verb::get, "/api/v1/me/subscriptions", {}, token);
}

std::optional<std::string> RedemptionApiTest::following(const std::string& token, const std::string& hotel_id) {
  const auto list = subscriptions(token);
  EXPECT_EQ(list.status, 200u) << list.body;
  if (list.status != 200) return std::nullopt;
  const auto body = list.json();
  for (const auto& item : body.at("items").as_array()) {
    if (json_text(item, "/hotel/id") == hotel_id) return json_text(item, "/source");
  }
  return std::nullopt;
}

std::int64_t RedemptionApiTest::followers(const std::string& token, const std::string& hotel_id) {
  const auto hotel = get("/api/v1/hotels/" + hotel_id, token);
  EXPECT_EQ(hotel.status, 200u) << hotel.body;
  if (hotel.status != 200) return -1;
  const auto body = hotel.json();
  const auto* count = body.as_object().if_contains("followers");
  if (count == nullptr || !count->is_int64()) {
    ADD_FAILURE() << "no followers count: " << hotel.body;
    return -1;
  }
  return count->as_int64();
}

std::optional<std::int64_t> RedemptionApiTest::remaining(const std::string& token, const std::string& coupon_id) {
  const auto coupon = get_coupon(token, coupon_id);
  EXPECT_EQ(coupon.status, 200u) << coupon.body;
  if (coupon.status != 200) return -1;
  const auto body = coupon.json();
  const auto& value = body.at("remaining");
  if (value.is_null()) return std::nullopt;
  return value.as_int64();
}

std::vector<Traveller> RedemptionApiTest::crowd(std::size_t count) {
  std::vector<Traveller> people(count);
  std::vector<std::string> failures(count);
  std::atomic<std::size_t> next{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < 8; ++t) {
    threads.emplace_back([&] {
      for (std::size_t i = next++; i < count; i = next++) {
        const std::string email = "crowd" + std::to_string(i) + "@example.com";
        const std::string name = "Guest " + std::to_string(i);
        try {
          const json::object body{{"email", email}, {"password", kTestPassword}, {"name", name}, {"role", "user"}};
          const auto registered = client.post("/api/v1/auth/register", json::serialize(body));
          const auto session = login(client, email, std::string(kTestPassword));
          if (registered.status != 201 || session.status != 200) {
            failures[i] = email + ": " + registered.body + " / " + session.body;
            continue;
          }
          people[i] = Traveller{json_text(session.json(), "/access_token"), json_text(registered.json(), "/user/id"),
                                name};
        } catch (const std::exception& e) {
          failures[i] = email + ": " + e.what();
        }
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (const auto& failure : failures) {
    if (!failure.empty()) ADD_FAILURE() << "registering the crowd: " << failure;
  }
  return people;
}

std::vector<json::object> RedemptionApiTest::inbox_when(const std::string& token, std::size_t count) {
  std::vector<json::object> items;
  eventually(std::chrono::seconds(5), std::chrono::milliseconds(50), [&] {
    const json::value page = get("/api/v1/me/notifications?limit=100", token).json();
    items.clear();
    for (const auto& item : page.at("items").as_array()) items.push_back(item.as_object());
    return items.size() >= count;
  });
  return items;
}

json::object RedemptionApiTest::stats_when(const std::string& token, std::int64_t views, std::int64_t uses,
                                           const std::string& query, std::chrono::milliseconds timeout) {
  json::object stats;
  eventually(timeout, std::chrono::milliseconds(100), [&] {
    stats = get("/api/v1/hotelier/stats" + (query.empty() ? std::string{} : "?" + query), token).json().as_object();
    const auto& totals = stats.at("totals");
    return totals.at("views").as_int64() >= views && totals.at("uses").as_int64() >= uses;
  });
  return stats;
}

std::vector<HttpResult> RedemptionApiTest::all_at_once(const std::vector<BurstRequest>& requests) {
  std::vector<HttpResult> answers(requests.size());
  std::latch connected(static_cast<std::ptrdiff_t>(requests.size()));
  const std::uint16_t port = client.port();  // the server, or nginx in front of several
  std::vector<std::thread> threads;
  threads.reserve(requests.size());
  for (std::size_t i = 0; i < requests.size(); ++i) {
    threads.emplace_back([&, i] {
      const BurstRequest& request = requests[i];
      std::string bytes = std::string(boost::beast::http::to_string(request.method)) + " " + request.target +
                          " HTTP/1.1\r\nHost: 127.0.0.1:" + std::to_string(port) + "\r\nConnection: close\r\n";
      if (!request.token.empty()) bytes += "Authorization: Bearer " + request.token + "\r\n";
      for (const auto& [name, value] : request.headers) bytes += name + ": " + value + "\r\n";
      if (!request.body.empty()) bytes += "Content-Type: application/json\r\n";
      bytes += "Content-Length: " + std::to_string(request.body.size()) + "\r\n\r\n" + request.body;
      std::unique_ptr<RawConnection> connection;
      std::string failure;
      try {
        connection = std::make_unique<RawConnection>(port);
      } catch (const std::exception& e) {
        failure = e.what();
      }
      connected.arrive_and_wait();  // every connection is open: now all of them send
      if (!connection) {
        answers[i].body = "connect failed: " + failure;
        return;
      }
      if (!connection->send(bytes)) {
        answers[i].body = "send failed";
        return;
      }
      try {
        answers[i] = connection->read_response(std::chrono::seconds(60));
      } catch (const std::exception& e) {
        answers[i] = HttpResult{};
        answers[i].body = e.what();
      }
    });
  }
  for (auto& thread : threads) thread.join();
  for (std::size_t i = 0; i < answers.size(); ++i) {
    if (answers[i].status == 0 || answers[i].status >= 500) {
      server_errors.push_back(std::string(boost::beast::http::to_string(requests[i].method)) + " " +
                              requests[i].target + " -> " + std::to_string(answers[i].status) + " " + answers[i].body);
    }
  }
  return answers;
}

}  // namespace hc::test
