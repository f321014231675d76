// The front desk from outside: looking a code up, marking it used once, sloppy typing, one answer for every
// code that is not a live code of this hotel, undo with its audit trail, the throttle on wrong codes, and
// codes kept out of the log.
#include "redemption_fixture.hpp"

#include "core/text.hpp"

#include <algorithm>
#include <chrono>
#include <regex>
#include <set>
#include <string>
#include <thread>
#include <vector>

namespace hc::test {
namespace {

using http_verb = boost::beast::http::verb;

std::string replaced(std::string text, char from, char to) {
  std::replace(text.begin(), text.end(), from, to);
  return text;
}

//! The code with its check character (the last one) changed to another symbol.
std::string with_wrong_check(std::string code) {
  const auto at = kCodeAlphabet.find(code.back());
  code.back() = kCodeAlphabet[(at + 1) % kCodeAlphabet.size()];
  return code;
}

//! The code with the first two different neighbouring symbols swapped.
std::string with_swapped_neighbours(std::string code) {
  for (std::size_t i = 0; i + 1 < code.size(); ++i) {
    if (code[i] == '-' || code[i + 1] == '-' || code[i] == code[i + 1]) continue;
    std::swap(code[i], code[i + 1]);
    return code;
  }
  return code;
}

class Desk : public RedemptionApiTest {
 protected:
  void SetUp() override {
    hotel = owner("owner@harbour.example", "Hana Owner", {"Harbour Hotel", "Dublin", "Ireland", "Europe/Dublin", "x"});
    rival = owner("owner@rival.example", "Rita Rival", {"Rival Inn", "Cork", "Ireland", "Europe/Dublin", "x"});
    ada = guest("ada@example.com", "Ada Lovelace");
    deal = create_active(hotel.token, "Spa afternoon", 20, {{"per_user_limit", 20}});
    ASSERT_FALSE(deal.empty());
  }

  //! Claims `deal` until the code holds `symbol`, cancelling the other claims.
  json::object claim_with(char symbol) {
    const std::string id = create_active(hotel.token, std::string("Symbol deal ") + symbol, 10, {{"per_user_limit", 1}});
    for (int attempt = 0; attempt < 80; ++attempt) {
      const auto mine = redeem_ok(ada.token, id);
      if (mine.empty()) return {};
      if (json_text(mine, "/code").find(symbol) != std::string::npos) return mine;
      EXPECT_EQ(cancel(ada.token, json_text(mine, "/id")).status, 200u);
    }
    ADD_FAILURE() << "80 codes without a " << symbol;
    return {};
  }

  Hotelier hotel;
  Hotelier rival;
  Traveller ada;
  std::string deal;
};

TEST_F(Desk, LookupShowsTheClaimWithoutChangingIt) {
  const auto mine = redeem_ok(ada.token, deal);
  const std::string code = json_text(mine, "/code");
  for (int i = 0; i < 2; ++i) {
    const auto found = lookup(hotel.token, code);
    ASSERT_EQ(found.status, 200u) << found.body;
    const auto body = found.json();
    EXPECT_EQ(json_text(body, "/redemption/id"), json_text(mine, "/id"));
    EXPECT_EQ(json_text(body, "/redemption/status"), "redeemed");
    EXPECT_EQ(json_text(body, "/redemption/coupon/title"), "Spa afternoon");
    EXPECT_EQ(json_text(body, "/redemption/guest_name"), "Ada Lovelace");
    EXPECT_TRUE(body.at("redemption").at("used_at").is_null()) << found.body;
  }
  const auto entry = wallet_entry(ada.token, json_text(mine, "/id"));
  EXPECT_EQ(json_text(entry, "/status"), "redeemed");
  EXPECT_TRUE(entry.at("used_at").is_null());
  // A lookup writes nothing to the audit log.
  const auto log = desk_log(hotel.token);
  ASSERT_EQ(log.status, 200u) << log.body;
  EXPECT_TRUE(log.json().at("items").as_array().empty()) << log.body;
  // It can still be used.
  EXPECT_EQ(use(hotel.token, code).status, 200u);
  const auto after = lookup(hotel.token, code);
  ASSERT_EQ(after.status, 200u) << after.body;
  EXPECT_EQ(json_text(after.json(), "/redemption/status"), "used");
}

TEST_F(Desk, UseMarksTheCodeUsedOnceAndSaysWhenAndByWhom) {
  const auto mine = redeem_ok(ada.token, deal);
  const std::string code = json_text(mine, "/code");
  const auto used = use(hotel.token, code);
  ASSERT_EQ(used.status, 200u) << used.body;
  const auto body = used.json();
  EXPECT_EQ(json_text(body, "/redemption/id"), json_text(mine, "/id"));
  EXPECT_EQ(json_text(body, "/redemption/status"), "used");
  const std::string used_at = json_text(body, "/redemption/used_at");
  EXPECT_NO_THROW(static_cast<void>(parse_utc(used_at))) << used.body;

  const auto again = use(hotel.token, code);
  EXPECT_EQ(again.status, 409u) << again.body;
  EXPECT_EQ(again.error_code(), "already_used") << again.body;
  const auto error = error_without_request_id(again);
  EXPECT_EQ(json_text(error, "/used_at"), used_at) << again.body;
  EXPECT_EQ(json_text(error, "/used_by"), "Hana Owner") << again.body;

  const auto entry = wallet_entry(ada.token, json_text(mine, "/id"));
  EXPECT_EQ(json_text(entry, "/status"), "used");
  EXPECT_EQ(json_text(entry, "/used_at"), used_at);
}

TEST_F(Desk, SloppyTypingIsAccepted) {
  const auto zero = claim_with('0');
  const auto one = claim_with('1');
  ASSERT_FALSE(zero.empty());
  ASSERT_FALSE(one.empty());
  const std::string zero_code = json_text(zero, "/code");
  const std::string one_code = json_text(one, "/code");

  const std::vector<std::pair<std::string, std::string>> typed{
      {replaced(ascii_lower(zero_code), '-', ' '), json_text(zero, "/id")},   // "abcd efgh ijkl"
      {replaced(zero_code, '0', 'O'), json_text(zero, "/id")},                // O for 0
      {replaced(ascii_lower(zero_code), '0', 'o'), json_text(zero, "/id")},   // o for 0
      {"  " + replaced(zero_code, '-', ' ') + "  ", json_text(zero, "/id")},  // spaces around
      {replaced(one_code, '1', 'I'), json_text(one, "/id")},                  // I for 1
      {replaced(one_code, '1', 'L'), json_text(one, "/id")},                  // L for 1
      {replaced(ascii_lower(one_code), '1', 'l'), json_text(one, "/id")},     // l for 1
      {replaced(ascii_lower(one_code), '1', 'i'), json_text(one, "/id")},     // i for 1
  };
  std::string compact = zero_code;
  compact.erase(std::remove(compact.begin(), compact.end(), '-'), compact.end());
  std::vector<std::pair<std::string, std::string>> all = typed;
  all.emplace_back(ascii_lower(compact), json_text(zero, "/id"));
  all.emplace_back(compact.substr(0, 2) + " " + compact.substr(2, 5) + "-" + compact.substr(7), json_text(zero, "/id"));
  for (const auto& [text, id] : all) {
    const auto found = lookup(hotel.token, text);
    EXPECT_EQ(found.status, 200u) << "'" << text << "': " << found.body;
    if (found.status == 200) {
      EXPECT_EQ(json_text(found.json(), "/redemption/id"), id) << text;
    }
  }
  // And a use with sloppy typing marks it.
  const auto used = use(hotel.token, replaced(ascii_lower(one_code), '-', ' '));
  ASSERT_EQ(used.status, 200u) << used.body;
  EXPECT_EQ(json_text(used.json(), "/redemption/id"), json_text(one, "/id"));
  const auto twice = use(hotel.token, replaced(one_code, '1', 'I'));
  EXPECT_EQ(twice.error_code(), "already_used") << twice.body;
}

TEST_F(Desk, AnythingButALiveCodeOfThisHotelIsOneAnswer) {
  const auto mine = redeem_ok(ada.token, deal);
  const std::string code = json_text(mine, "/code");
  const std::string rival_deal = create_active(rival.token, "Rival deal", 10);
  const auto theirs = redeem_ok(ada.token, rival_deal);
  const std::string rival_code = json_text(theirs, "/code");
  const auto gone = redeem_ok(ada.token, deal);
  ASSERT_EQ(cancel(ada.token, json_text(gone, "/id")).status, 200u);

  const std::vector<std::pair<std::string, std::string>> wrong{
      {"wrong check character", with_wrong_check(code)},
      {"swapped neighbours", with_swapped_neighbours(code)},
      {"U is not a symbol", code.substr(0, 5) + "U" + code.substr(6)},
      {"malformed", "hello"},
      {"too short", code.substr(0, 9)},
      {"too long", code + "-0000"},
      {"another hotel's code", rival_code},
      {"a cancelled code", json_text(gone, "/code")},
  };
  json::object first_shape;
  for (const auto& [what, text] : wrong) {
    for (const bool using_it : {false, true}) {
      const auto answer = using_it ? use(hotel.token, text) : lookup(hotel.token, text);
      EXPECT_EQ(answer.status, 404u) << what << " (" << (using_it ? "use" : "lookup") << "): " << answer.body;
      EXPECT_EQ(answer.error_code(), "invalid_code") << what << ": " << answer.body;
      const auto shape = error_without_request_id(answer);
      if (first_shape.empty()) first_shape = shape;
      EXPECT_EQ(shape, first_shape) << what << " answers differently: " << answer.body;
    }
  }
  // The rival's code is still good at the rival's desk; nothing was used here.
  const auto at_rival = lookup(rival.token, rival_code);
  ASSERT_EQ(at_rival.status, 200u) << at_rival.body;
  EXPECT_EQ(json_text(at_rival.json(), "/redemption/status"), "redeemed");
  EXPECT_EQ(json_text(wallet_entry(ada.token, json_text(mine, "/id")), "/status"), "redeemed");
  // And a rival cannot see or use ours.
  EXPECT_EQ(lookup(rival.token, code).error_code(), "invalid_code");
  EXPECT_EQ(use(rival.token, code).error_code(), "invalid_code");
  EXPECT_EQ(json_text(wallet_entry(ada.token, json_text(mine, "/id")), "/status"), "redeemed");
}

TEST_F(Desk, RefusesBadBodies) {
  const auto mine = redeem_ok(ada.token, deal);
  const std::string code = json_text(mine, "/code");
  for (const std::string path : {"/api/v1/hotelier/redemptions/lookup", "/api/v1/hotelier/redemptions/use"}) {
    for (const std::string& body :
         std::vector<std::string>{"{}", R"({"code": 12})", R"({"code": ")" + code + R"(", "status": "used"})", "[]",
                                  "not json"}) {
      const auto answer = send_with(http_verb::post, path, body, hotel.token);
      EXPECT_EQ(answer.status, 400u) << path << " " << body << ": " << answer.body;
    }
  }
  EXPECT_EQ(json_text(wallet_entry(ada.token, json_text(mine, "/id")), "/status"), "redeemed");
}

TEST_F(Desk, UndoWithinTheWindowMakesTheCodeUsableAgain) {
  const auto mine = redeem_ok(ada.token, deal);
  const std::string code = json_text(mine, "/code");
  const std::string rid = json_text(mine, "/id");

  // Never used: nothing to undo.
  const auto early = undo(hotel.token, rid, "pressed the wrong button");
  EXPECT_EQ(early.status, 409u) << early.body;
  EXPECT_EQ(early.error_code(), "not_used") << early.body;

  ASSERT_EQ(use(hotel.token, code).status, 200u);
  // Another hotel cannot undo it, nor can anyone undo an unknown id.
  const auto foreign = undo(rival.token, rid, "not mine");
  EXPECT_EQ(foreign.status, 404u) << foreign.body;
  EXPECT_EQ(undo(hotel.token, "01HZZZZZZZZZZZZZZZZZZZZZZZ", "x").status, 404u);
  // A reason is required.
  const auto no_reason = send_with(http_verb::post, "/api/v1/hotelier/redemptions/" + rid + "/undo", "{}", hotel.token);
  EXPECT_EQ(no_reason.status, 400u) << no_reason.body;
  EXPECT_EQ(json_text(wallet_entry(ada.token, rid), "/status"), "used");

  const auto undone = undo(hotel.token, rid, "guest changed their mind");
  ASSERT_EQ(undone.status, 200u) << undone.body;
  EXPECT_EQ(json_text(undone.json(), "/redemption/status"), "redeemed");
  EXPECT_TRUE(undone.json().at("redemption").at("used_at").is_null()) << undone.body;
  const auto entry = wallet_entry(ada.token, rid);
  EXPECT_EQ(json_text(entry, "/status"), "redeemed");
  EXPECT_TRUE(entry.at("used_at").is_null());

  const auto twice = undo(hotel.token, rid, "again");
  EXPECT_EQ(twice.status, 409u) << twice.body;
  EXPECT_EQ(twice.error_code(), "not_used") << twice.body;

  // Usable again, and once only.
  const auto reused = use(hotel.token, code);
  ASSERT_EQ(reused.status, 200u) << reused.body;
  EXPECT_EQ(json_text(reused.json(), "/redemption/status"), "used");
  EXPECT_EQ(use(hotel.token, code).error_code(), "already_used");
}

// An undo is recorded "with a reason": an empty or blank one is none.
TEST_F(Desk, UndoNeedsAReason) {
  for (const std::string reason : {"", "   "}) {
    const auto mine = redeem_ok(ada.token, deal);
    const std::string rid = json_text(mine, "/id");
    ASSERT_EQ(use(hotel.token, json_text(mine, "/code")).status, 200u);
    const auto answer = undo(hotel.token, rid, reason);
    EXPECT_EQ(answer.status, 400u) << "reason '" << reason << "' answered "
                                   << (answer.status == 200 ? "200 and the use was undone" : answer.body);
    if (answer.status == 400) {
      EXPECT_EQ(detail_fields(answer), (std::vector<std::string>{"reason"})) << answer.body;
    }
    EXPECT_EQ(json_text(wallet_entry(ada.token, rid), "/status"), "used") << "undone with reason '" << reason << "'";
  }
}

// The contract says maxLength 500 for the reason: characters, as JSON Schema counts them, not bytes.
TEST_F(Desk, UndoReasonLengthCountsCharacters) {
  const auto mine = redeem_ok(ada.token, deal);
  const std::string rid = json_text(mine, "/id");
  ASSERT_EQ(use(hotel.token, json_text(mine, "/code")).status, 200u);
  std::string too_long;
  for (int i = 0; i < 501; ++i) too_long += "\u00e9";  // é, two bytes in UTF-8
  const auto refused = undo(hotel.token, rid, too_long);
  EXPECT_EQ(refused.status, 400u) << refused.body;
  const std::string longest = too_long.substr(2);  // 500 characters, 1000 bytes
  const auto undone = undo(hotel.token, rid, longest);
  EXPECT_EQ(undone.status, 200u) << "a 500-character reason was refused: " << undone.body;
  if (undone.status == 200) {
    const auto log = desk_log(hotel.token);
    ASSERT_EQ(log.status, 200u);
    EXPECT_EQ(json_text(log.json().at("items").at(0), "/reason"), longest);
  }
}

TEST_F(Desk, AuditLogListsUsesAndUndosWithWhoWhereAndWhy) {
  const auto mine = redeem_ok(ada.token, deal);
  const std::string code = json_text(mine, "/code");
  const std::string rid = json_text(mine, "/id");
  ASSERT_EQ(use(hotel.token, code).status, 200u);
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ASSERT_EQ(undo(hotel.token, rid, "wrong guest at the desk").status, 200u);
  std::this_thread::sleep_for(std::chrono::milliseconds(5));
  ASSERT_EQ(use(hotel.token, code).status, 200u);
  // Failed attempts are no desk events.
  EXPECT_EQ(use(hotel.token, code).status, 409u);
  EXPECT_EQ(undo(rival.token, rid, "x").status, 404u);

  const auto log = desk_log(hotel.token);
  ASSERT_EQ(log.status, 200u) << log.body;
  const auto log_body = log.json();
  const auto& items = log_body.at("items").as_array();
  ASSERT_EQ(items.size(), 3u) << log.body;
  const std::vector<std::string> actions{json_text(items[0], "/action"), json_text(items[1], "/action"),
                                         json_text(items[2], "/action")};
  EXPECT_EQ(actions, (std::vector<std::string>{"use", "undo", "use"})) << "newest first: " << log.body;
  std::set<std::string> event_ids;
  for (const auto& item : items) {
    event_ids.insert(json_text(item, "/id"));
    EXPECT_EQ(json_text(item, "/redemption_id"), rid);
    EXPECT_EQ(json_text(item, "/redemption_status"), "used") << "the status now, after the last use";
    EXPECT_EQ(json_text(item, "/coupon/id"), deal);
    EXPECT_EQ(json_text(item, "/coupon/title"), "Spa afternoon");
    EXPECT_EQ(json_text(item, "/guest_name"), "Ada Lovelace");
    EXPECT_EQ(json_text(item, "/by/id"), hotel.user_id);
    EXPECT_EQ(json_text(item, "/by/name"), "Hana Owner");
    EXPECT_EQ(json_text(item, "/client_address"), "127.0.0.1");
    EXPECT_NO_THROW(static_cast<void>(parse_utc(json_text(item, "/at")))) << json::serialize(item);
  }
  EXPECT_EQ(event_ids.size(), 3u);
  EXPECT_EQ(json_text(items[1], "/reason"), "wrong guest at the desk");
  EXPECT_EQ(log.body.find(code), std::string::npos) << "the audit log shows the code";

  // Paged, and the rival's log is its own.
  int pages = 0;
  std::string cursor;
  std::vector<std::string> paged;
  while (pages < 10) {
    const auto page = desk_log(hotel.token, "limit=1" + (cursor.empty() ? "" : "&cursor=" + url_encode(cursor)));
    ASSERT_EQ(page.status, 200u) << page.body;
    ++pages;
    const auto body = page.json();
    for (const auto& item : body.at("items").as_array()) paged.push_back(json_text(item, "/id"));
    if (body.at("next_cursor").is_null()) break;
    cursor = std::string(body.at("next_cursor").as_string());
  }
  EXPECT_EQ(paged.size(), 3u);
  EXPECT_EQ(std::set<std::string>(paged.begin(), paged.end()), event_ids);
  const auto theirs = desk_log(rival.token);
  ASSERT_EQ(theirs.status, 200u) << theirs.body;
  EXPECT_TRUE(theirs.json().at("items").as_array().empty()) << theirs.body;
}

TEST_F(Desk, TheLogNeverHoldsACode) {
  std::vector<std::string> codes;
  for (int i = 0; i < 4; ++i) codes.push_back(json_text(redeem_ok(ada.token, deal), "/code"));
  const auto zero = claim_with('0');
  codes.push_back(json_text(zero, "/code"));
  ASSERT_EQ(lookup(hotel.token, codes[0]).status, 200u);
  ASSERT_EQ(use(hotel.token, codes[1]).status, 200u);
  ASSERT_EQ(use(hotel.token, codes[1]).status, 409u);
  ASSERT_EQ(lookup(hotel.token, ascii_lower(replaced(codes[2], '-', ' '))).status, 200u);
  ASSERT_EQ(use(hotel.token, replaced(codes[4], '0', 'O')).status, 200u);
  EXPECT_EQ(lookup(hotel.token, with_wrong_check(codes[3])).status, 404u);
  EXPECT_EQ(lookup(rival.token, codes[3]).status, 404u);
  const auto wallet_page = wallet(ada.token);
  ASSERT_EQ(wallet_page.status, 200u);

  const std::string log = server.log();
  ASSERT_FALSE(log.empty());
  std::vector<std::string> leaked;
  static const std::regex shape(R"([0-9A-Za-z]{4}[- ][0-9A-Za-z]{4}[- ][0-9A-Za-z]{4})");
  for (const auto& code : codes_seen) {
    if (log.find(code) != std::string::npos) leaked.push_back(code);
  }
  EXPECT_TRUE(leaked.empty()) << "full codes in the server log: " << joined(leaked);
  // Nothing in the log even has the shape of a code the test used.
  std::set<std::string> shaped;
  for (auto it = std::sregex_iterator(log.begin(), log.end(), shape); it != std::sregex_iterator(); ++it) {
    const std::string found = it->str();
    for (const auto& code : codes) {
      if (ascii_lower(found) == ascii_lower(code)) shaped.insert(found);
    }
  }
  EXPECT_TRUE(shaped.empty()) << joined(std::vector<std::string>(shaped.begin(), shaped.end()));
}

// The throttle counts wrong codes per hotelier account and per client address; a hotelier who is throttled
// waits even with a right code.
class DeskLimit : public Desk {};

TEST_F(DeskLimit, TwentyWrongCodesThenEvenARightOneWaits) {
  const auto mine = redeem_ok(ada.token, deal);
  const std::string code = json_text(mine, "/code");
  const std::string rival_deal = create_active(rival.token, "Rival deal", 10);
  const std::string rival_code = json_text(redeem_ok(ada.token, rival_deal), "/code");
  const auto gone = redeem_ok(ada.token, deal);
  ASSERT_EQ(cancel(ada.token, json_text(gone, "/id")).status, 200u);

  // A right code and an already used one are no failures.
  const auto spent = redeem_ok(ada.token, deal);
  ASSERT_EQ(use(hotel.token, json_text(spent, "/code")).status, 200u);
  for (int i = 0; i < 3; ++i) ASSERT_EQ(use(hotel.token, json_text(spent, "/code")).status, 409u);

  const std::vector<std::string> wrong{with_wrong_check(code), "hello", rival_code, json_text(gone, "/code"),
                                       with_swapped_neighbours(code)};
  for (int i = 0; i < 20; ++i) {
    const std::string& text = wrong[static_cast<std::size_t>(i) % wrong.size()];
    const auto answer = i % 2 == 0 ? lookup(hotel.token, text) : use(hotel.token, text);
    ASSERT_EQ(answer.status, 404u) << "wrong code " << i + 1 << ": " << answer.body;
    ASSERT_EQ(answer.error_code(), "invalid_code");
  }
  for (const bool using_it : {false, true}) {
    const auto limited = using_it ? use(hotel.token, code) : lookup(hotel.token, code);
    EXPECT_EQ(limited.status, 429u) << limited.body;
    EXPECT_EQ(limited.error_code(), "rate_limited") << limited.body;
    const std::string retry_after = limited.header("Retry-After");
    ASSERT_FALSE(retry_after.empty()) << "no Retry-After";
    const int seconds = std::stoi(retry_after);
    EXPECT_GT(seconds, 0);
    EXPECT_LE(seconds, 600);
  }
  // Another hotelier at the same address is held up too, even at their own hotel.
  const auto other = lookup(rival.token, rival_code);
  EXPECT_EQ(other.status, 429u) << other.body;
  EXPECT_FALSE(other.header("Retry-After").empty());
  // Nothing was used while throttled.
  EXPECT_EQ(json_text(wallet_entry(ada.token, json_text(mine, "/id")), "/status"), "redeemed");
  // Travellers are not affected.
  redeem_ok(ada.token, deal);
}

// Behind a proxy the address comes from X-Forwarded-For, so account and address can be told apart.
class DeskLimitBehindProxy : public RedemptionApiTest {
 protected:
  DeskLimitBehindProxy() : RedemptionApiTest({"--trust-proxy", "true"}) {}
};

TEST_F(DeskLimitBehindProxy, CountsPerAccountAndPerAddress) {
  const Hotelier first = owner("first@harbour.example", "Fay First", {"Harbour Hotel", "Dublin", "Ireland", "Europe/Dublin", "x"});
  const Hotelier second = owner("second@rival.example", "Sam Second", {"Rival Inn", "Cork", "Ireland", "Europe/Dublin", "x"});
  const Traveller ada = guest("ada@example.com", "Ada Lovelace");
  const std::string first_code = json_text(redeem_ok(ada.token, create_active(first.token, "First deal", 10)), "/code");
  const std::string second_code =
      json_text(redeem_ok(ada.token, create_active(second.token, "Second deal", 10)), "/code");
  const Headers from_a{{"X-Forwarded-For", "203.0.113.10"}};
  const Headers from_b{{"X-Forwarded-For", "203.0.113.20"}};
  const Headers from_c{{"X-Forwarded-For", "203.0.113.30"}};

  for (int i = 0; i < 20; ++i) {
    const auto answer = lookup(first.token, with_wrong_check(first_code), from_a);
    ASSERT_EQ(answer.status, 404u) << i << ": " << answer.body;
  }
  // The account is throttled from any address...
  const auto same_account = lookup(first.token, first_code, from_b);
  EXPECT_EQ(same_account.status, 429u) << same_account.body;
  EXPECT_FALSE(same_account.header("Retry-After").empty());
  // ...and the address for any account...
  const auto same_address = lookup(second.token, second_code, from_a);
  EXPECT_EQ(same_address.status, 429u) << same_address.body;
  EXPECT_FALSE(same_address.header("Retry-After").empty());
  // ...but another account at another address works.
  const auto elsewhere = use(second.token, second_code, from_c);
  EXPECT_EQ(elsewhere.status, 200u) << elsewhere.body;
  // The audit log names the forwarded address.
  const auto log = desk_log(second.token);
  ASSERT_EQ(log.status, 200u) << log.body;
  ASSERT_EQ(log.json().at("items").as_array().size(), 1u) << log.body;
  EXPECT_EQ(json_text(log.json().at("items").at(0), "/client_address"), "203.0.113.30");
}

}  // namespace
}  // namespace hc::test
