#include "live/hub.hpp"

#include <boost/json/parse.hpp>
#include <gtest/gtest.h>

namespace hc::live {
namespace {

// Records what it is handed.
class Recorder final : public Subscriber {
 public:
  void deliver(const std::shared_ptr<const NotificationFrame>& frame, std::int64_t id) override {
    const boost::json::value sent = boost::json::parse(frame->with_id(id));
    EXPECT_EQ(sent.at("notification").at("id").as_string(), std::to_string(id));
    received.emplace_back(std::string(sent.at("notification").at("title").as_string()), id);
  }
  void signal(const std::shared_ptr<const std::string>& frame) override { signals.push_back(*frame); }
  void catch_up() override { ++catch_ups; }
  std::vector<std::pair<std::string, std::int64_t>> received;
  std::vector<std::string> signals;
  int catch_ups = 0;
};

std::shared_ptr<const notifications::Delivery> delivery(std::string title,
                                                        std::vector<notifications::Recipient> recipients) {
  auto made = std::make_shared<notifications::Delivery>();
  made->content.title = std::move(title);
  made->recipients = std::move(recipients);
  return made;
}

TEST(Hub, EverySocketOfARecipientGetsItsOwnNotificationId) {
  Hub hub;
  auto phone = std::make_shared<Recorder>();
  auto laptop = std::make_shared<Recorder>();
  auto stranger = std::make_shared<Recorder>();
  hub.join("fan", phone);
  hub.join("fan", laptop);
  hub.join("stranger", stranger);
  EXPECT_EQ(hub.connected(), 3u);

  hub.publish(delivery("New offer", {{"fan", 7}, {"offline", 8}}));
  const std::vector<std::pair<std::string, std::int64_t>> expected{{"New offer", 7}};
  EXPECT_EQ(phone->received, expected);
  EXPECT_EQ(laptop->received, expected);
  EXPECT_TRUE(stranger->received.empty());
}

TEST(Hub, AfterAGapInTheBusEverySocketStillHereCatchesUpOnce) {
  Hub hub;
  auto phone = std::make_shared<Recorder>();
  auto laptop = std::make_shared<Recorder>();
  auto left = std::make_shared<Recorder>();
  hub.join("fan", phone);
  hub.join("fan", laptop);
  hub.join("other", left);
  hub.leave("other", left.get());
  hub.catch_up_all();
  EXPECT_EQ(phone->catch_ups, 1);
  EXPECT_EQ(laptop->catch_ups, 1);
  EXPECT_EQ(left->catch_ups, 0);
}

TEST(Hub, ASocketThatLeftOrWentAwayGetsNothing) {
  Hub hub;
  auto phone = std::make_shared<Recorder>();
  auto laptop = std::make_shared<Recorder>();
  hub.join("fan", phone);
  hub.join("fan", laptop);
  hub.leave("fan", phone.get());
  EXPECT_EQ(hub.connected(), 1u);
  hub.publish(delivery("First", {{"fan", 1}}));
  EXPECT_TRUE(phone->received.empty());
  EXPECT_EQ(laptop->received.size(), 1u);

  std::weak_ptr<Recorder> gone = laptop;
  laptop.reset();  // destroyed without leaving: skipped, and forgotten when it leaves
  hub.publish(delivery("Second", {{"fan", 2}}));
  EXPECT_TRUE(gone.expired());
  hub.leave("fan", nullptr);
  EXPECT_EQ(hub.connected(), 0u);
}

TEST(Hub, ASignalReachesEverySocketOfTheNamedUsersOnly) {
  Hub hub;
  auto desk = std::make_shared<Recorder>();
  auto office = std::make_shared<Recorder>();
  auto guest = std::make_shared<Recorder>();
  hub.join("owner", desk);
  hub.join("owner", office);
  hub.join("guest", guest);
  hub.signal({"owner", "not-connected"}, std::make_shared<const std::string>(R"({"type":"stats.changed"})"));
  const std::vector<std::string> expected{R"({"type":"stats.changed"})"};
  EXPECT_EQ(desk->signals, expected);
  EXPECT_EQ(office->signals, expected);
  EXPECT_TRUE(guest->signals.empty());
  EXPECT_TRUE(desk->received.empty()) << "a signal is no notification";
}

}  // namespace
}  // namespace hc::live
