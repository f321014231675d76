#include "live/notification_frame.hpp"

#include <gtest/gtest.h>

namespace hc::live {
namespace {

notifications::Delivery delivery(std::string title) {
  notifications::Delivery made;
  made.content = {"coupon.created", std::move(title), "Half price suite (50% off)", R"({"coupon_id":"c1"})"};
  made.created_at = SysSeconds{std::chrono::seconds{1'795'000'000}};
  return made;
}

TEST(NotificationFrame, EachRecipientsFrameIsTheNotificationWithItsOwnId) {
  const notifications::Delivery made = delivery("New offer from Hotel Dublin");
  const NotificationFrame frame(made);
  for (const std::int64_t id : {std::int64_t{1}, std::int64_t{7}, std::int64_t{1234567890123}}) {
    const notifications::Content& c = made.content;
    EXPECT_EQ(frame.with_id(id),
              notification_frame({std::to_string(id), c.kind, c.title, c.body, c.data, made.created_at, false}));
  }
}

TEST(NotificationFrame, ATitleThatLooksLikeTheIdDoesNotMoveIt) {
  const notifications::Delivery made = delivery(R"("id":"0" {"id":"0"})");
  const NotificationFrame frame(made);
  const notifications::Content& c = made.content;
  EXPECT_EQ(frame.with_id(42), notification_frame({"42", c.kind, c.title, c.body, c.data, made.created_at, false}));
}

}  // namespace
}  // namespace hc::live
