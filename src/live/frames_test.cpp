#include "live/frames.hpp"

#include <gtest/gtest.h>

namespace hc::live {
namespace {

const SysSeconds kNow{std::chrono::seconds(1'767'225'600)};  // 2026-01-01T00:00:00Z

TEST(HelloFrame, SignsInWithATokenAndWhereToResume) {
  const auto hello = read_hello_frame(R"({"type":"auth","token":"t1","resume_after":"17"})");
  ASSERT_TRUE(hello.ok()) << hello.error();
  EXPECT_EQ(hello->token, "t1");
  EXPECT_EQ(hello->resume_after, 17);
  EXPECT_FALSE(read_hello_frame(R"({"type":"auth","token":"t1","resume_after":null})")->resume_after);
}

TEST(HelloFrame, RefusesAnythingElseWithAReason) {
  EXPECT_EQ(read_hello_frame(R"({"type":"ping"})").error(), R"(the first frame must be {"type": "auth"})");
  EXPECT_EQ(read_hello_frame("auth").error(), R"(the first frame must be {"type": "auth"})");
  EXPECT_EQ(read_hello_frame(R"({"type":"auth"})").error(), "the auth frame needs a token");
  EXPECT_EQ(read_hello_frame(R"({"type":"auth","token":"t","resume_after":17})").error(),
            "resume_after must be a notification id");
}

TEST(ClientFrame, ReadsAnInteractionScopedToItsSender) {
  const ClientFrame frame =
      read_client_frame(R"({"type":"interaction","id":"e1","coupon_id":"c1","action":"view"})", "u1", kNow);
  EXPECT_EQ(frame.kind, FrameKind::interaction);
  ASSERT_TRUE(frame.interaction);
  EXPECT_EQ(frame.interaction->id, "u1:e1");
  EXPECT_EQ(frame.interaction->coupon_id, "c1");
  EXPECT_EQ(frame.interaction->at, kNow);
}

TEST(ClientFrame, AMalformedInteractionIsStillAnInteraction) {
  const ClientFrame frame =
      read_client_frame(R"({"type":"interaction","coupon_id":"c1","action":"claim"})", "u1", kNow);
  EXPECT_EQ(frame.kind, FrameKind::interaction);
  EXPECT_FALSE(frame.interaction);
}

TEST(ClientFrame, TellsPingAuthUnknownAndBrokenFramesApart) {
  EXPECT_EQ(read_client_frame(R"({"type":"ping"})", "u1", kNow).kind, FrameKind::ping);
  const ClientFrame renew = read_client_frame(R"({"type":"auth","token":"t2"})", "u1", kNow);
  EXPECT_EQ(renew.kind, FrameKind::auth);
  ASSERT_TRUE(renew.hello);
  EXPECT_EQ(renew.hello->token, "t2");
  EXPECT_FALSE(read_client_frame(R"({"type":"auth"})", "u1", kNow).hello);
  EXPECT_EQ(read_client_frame(R"({"type":"subscribe"})", "u1", kNow).kind, FrameKind::unknown);
  EXPECT_EQ(read_client_frame(R"({"type":1})", "u1", kNow).kind, FrameKind::unknown);
  EXPECT_EQ(read_client_frame("[1]", "u1", kNow).kind, FrameKind::malformed_json);
  EXPECT_EQ(read_client_frame(R"({"type":"ping","type":"auth"})", "u1", kNow).kind, FrameKind::malformed_json);
}

}  // namespace
}  // namespace hc::live
