#include "interactions/client_event.hpp"

#include <gtest/gtest.h>

#include <string>

namespace hc::interactions {
namespace {

const SysSeconds kNow{std::chrono::seconds(1'767'225'600)};  // 2026-01-01T00:00:00Z

std::string events_body(std::size_t count) {
  std::string body = R"({"events":[)";
  for (std::size_t i = 0; i < count; ++i) body += std::string(i == 0 ? "" : ",") + R"({"coupon_id":"c1","action":"view"})";
  return body + "]}";
}

TEST(ClientBatch, ReadsGoodEventsScopedToTheSenderAndCountsTheMalformed) {
  const auto batch = read_client_batch(
      R"({"events":[{"id":"e1","coupon_id":"c1","action":"click"},{"coupon_id":"c2","action":"claim"},7]})", "u9", kNow);
  ASSERT_TRUE(batch);
  ASSERT_EQ(batch->good.size(), 1u);
  EXPECT_EQ(batch->good[0].id, "u9:e1");
  EXPECT_EQ(batch->good[0].action, "click");
  EXPECT_EQ(batch->good[0].at, kNow);
  EXPECT_EQ(batch->malformed, 2u) << "a client may not report a claim, and 7 is no event";
}

TEST(ClientBatch, TakesFiveHundredEventsAndRefusesMore) {
  const auto full = read_client_batch(events_body(kMaxBatchEvents), "u1", kNow);
  ASSERT_TRUE(full);
  EXPECT_EQ(full->good.size(), kMaxBatchEvents);
  const auto over = read_client_batch(events_body(kMaxBatchEvents + 1), "u1", kNow);
  ASSERT_FALSE(over);
  EXPECT_EQ(over.error().code, Errc::validation_failed);
  ASSERT_EQ(over.error().details.size(), 1u);
  EXPECT_EQ(over.error().details[0].field, "events");
}

TEST(ClientBatch, RefusesABodyThatIsNotABatch) {
  EXPECT_EQ(read_client_batch(R"({"events":)", "u1", kNow).error().code, Errc::malformed_json);
  EXPECT_EQ(read_client_batch(R"([])", "u1", kNow).error().code, Errc::malformed_json);
  for (const char* body : {R"({})", R"({"events":{}})", R"({"events":"view"})"}) {
    const auto batch = read_client_batch(body, "u1", kNow);
    ASSERT_FALSE(batch) << body;
    EXPECT_EQ(batch.error().code, Errc::validation_failed) << body;
  }
}

}  // namespace
}  // namespace hc::interactions
