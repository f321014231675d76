#include "bus/live_message.hpp"

#include <boost/json.hpp>

#include <gtest/gtest.h>

#include <cstdint>
#include <limits>
#include <stdexcept>
#include <vector>

namespace hc::bus {
namespace {

using notifications::Delivery;

std::shared_ptr<const Delivery> awkward_delivery() {
  auto delivery = std::make_shared<Delivery>();
  delivery->content = {"coupon.created", "New offer from Café \"Ł\" ☕",
                       std::string("20 % off\nback\\slash, tab\t and a nul \0 byte", 42),
                       R"({"coupon_id": "c-1",  "hotel_id":"h-9"})"};
  delivery->created_at = SysSeconds(std::chrono::seconds(1'795'341'600));
  delivery->recipients = {{"u-1", 0}, {"ü-2", 7}, {"u-3", std::numeric_limits<std::int64_t>::max()}};
  return delivery;
}

LiveMessage round_trip(const LiveMessage& message) {
  auto parsed = parse_live_message(to_json(message));
  if (!parsed) throw std::runtime_error(parsed.error());
  return *parsed;
}

TEST(LiveMessage, ADeliveryKeepsEveryField) {
  const auto sent = awkward_delivery();
  const auto got = std::get<std::shared_ptr<const Delivery>>(round_trip(sent));
  EXPECT_EQ(got->content.kind, sent->content.kind);
  EXPECT_EQ(got->content.title, sent->content.title);
  EXPECT_EQ(got->content.body, sent->content.body);
  EXPECT_EQ(got->content.data, sent->content.data) << "data keeps its exact text";
  EXPECT_EQ(got->created_at, sent->created_at);
  ASSERT_EQ(got->recipients.size(), sent->recipients.size());
  for (std::size_t i = 0; i < sent->recipients.size(); ++i) {
    EXPECT_EQ(got->recipients[i].user_id, sent->recipients[i].user_id);
    EXPECT_EQ(got->recipients[i].notification_id, sent->recipients[i].notification_id);
  }
}

TEST(LiveMessage, ASignalKeepsItsUsersAndFrame) {
  const auto sent = std::make_shared<const Signal>(Signal{{"owner-1", "owner-2"}, R"({"type":"stats.changed"})"});
  const auto got = std::get<std::shared_ptr<const Signal>>(round_trip(sent));
  EXPECT_EQ(got->user_ids, sent->user_ids);
  EXPECT_EQ(got->frame, sent->frame);
}

TEST(LiveMessage, IsVersionOneWithItsKind) {
  const auto written = boost::json::parse(to_json(awkward_delivery())).as_object();
  EXPECT_EQ(written.at("v").as_int64(), 1);
  EXPECT_EQ(written.at("kind").as_string(), "delivery");
  const auto signal = boost::json::parse(to_json(std::make_shared<const Signal>())).as_object();
  EXPECT_EQ(signal.at("kind").as_string(), "signal");
}

TEST(LiveMessage, RefusesWhatItDoesNotKnowWithoutQuotingIt) {
  const std::string content = R"("content":{"kind":"k","title":"secret title","body":"b","data":"{}"})";
  const std::string good = R"({"v":1,"kind":"delivery",)" + content + R"(,"created_at":0,"recipients":[]})";
  ASSERT_TRUE(parse_live_message(good)) << "the base of the broken ones below is fine";
  for (const std::string& text : std::vector<std::string>{
           std::string(), std::string("not json"), std::string("[1]"), std::string(R"({"kind":"signal"})"),
           R"({"v":2,"kind":"delivery",)" + content + R"(,"created_at":0,"recipients":[]})",
           R"({"v":"1","kind":"delivery",)" + content + R"(,"created_at":0,"recipients":[]})",
           R"({"v":1,"kind":"telegram",)" + content + R"(,"created_at":0,"recipients":[]})",
           R"({"v":1,"kind":"delivery","created_at":0,"recipients":[]})",
           R"({"v":1,"kind":"delivery","content":{"kind":"k","title":"secret title"},"created_at":0,"recipients":[]})",
           R"({"v":1,"kind":"delivery",)" + content + R"(,"created_at":"2026-01-01T00:00:00Z","recipients":[]})",
           R"({"v":1,"kind":"delivery",)" + content + R"(,"created_at":0})",
           R"({"v":1,"kind":"delivery",)" + content + R"(,"created_at":0,"recipients":[{"user_id":"u"}]})",
           R"({"v":1,"kind":"delivery",)" + content +
               R"(,"created_at":0,"recipients":[{"user_id":"u","notification_id":"7"}]})",
           R"({"v":1,"kind":"delivery",)" + content +
               R"(,"created_at":0,"recipients":[{"user_id":"u","notification_id":18446744073709551615}]})",
           R"({"v":1,"kind":"delivery",)" + content + R"(,"created_at":0,"recipients":["u"]})",
           std::string(R"({"v":1,"kind":"signal","user_ids":["a",2],"frame":"{}"})"),
           std::string(R"({"v":1,"kind":"signal","user_ids":["a"]})"),
           std::string(R"({"v":1,"kind":"signal","user_ids":"a","frame":"{}"})"),
       }) {
    const auto parsed = parse_live_message(text);
    ASSERT_FALSE(parsed) << text;
    EXPECT_EQ(parsed.error().find("secret"), std::string::npos) << parsed.error();
  }
}

TEST(LiveMessage, ANullMessageIsTheCallersMistake) {
  EXPECT_THROW(to_json(std::shared_ptr<const Delivery>()), std::invalid_argument);
  EXPECT_THROW(to_json(std::shared_ptr<const Signal>()), std::invalid_argument);
}

}  // namespace
}  // namespace hc::bus
