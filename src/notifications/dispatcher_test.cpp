#include "notifications/dispatcher.hpp"

#include "notifications/events.hpp"

#include <gtest/gtest.h>

#include <boost/json.hpp>

namespace hc::notifications {
namespace {

// The outbox and the inbox in memory: enough storage to watch the dispatcher's decisions.
class MemoryRepository final : public NotificationRepository {
 public:
  std::vector<OutboxEvent> outbox;
  std::vector<std::string> sent;
  std::vector<std::pair<std::string, Content>> inbox;  // user, content
  std::vector<std::string> followers;

  std::vector<OutboxEvent> unsent(std::size_t limit) override {
    std::vector<OutboxEvent> waiting;
    for (const OutboxEvent& event : outbox) {
      if (waiting.size() < limit && std::find(sent.begin(), sent.end(), event.id) == sent.end()) waiting.push_back(event);
    }
    return waiting;
  }
  std::vector<Recipient> deliver_to_followers(const OutboxEvent& event, std::string_view, const Content& content,
                                              SysSeconds) override {
    std::vector<Recipient> recipients;
    for (const std::string& user : followers) recipients.push_back(add(user, content));
    sent.push_back(event.id);
    return recipients;
  }
  std::vector<Recipient> deliver_to_user(const OutboxEvent& event, std::string_view user_id, const Content& content,
                                         SysSeconds) override {
    sent.push_back(event.id);
    return {add(std::string(user_id), content)};
  }
  void discard(const OutboxEvent& event, SysSeconds) override { sent.push_back(event.id); }
  std::vector<Notification> list(std::string_view, bool, const std::optional<std::int64_t>&, std::size_t) override {
    return {};
  }
  std::vector<Notification> after(std::string_view, std::int64_t, std::size_t) override { return {}; }
  void mark_read_up_to(std::string_view, std::int64_t, SysSeconds) override {}
  void mark_read(std::string_view, const std::vector<std::int64_t>&, SysSeconds) override {}

 private:
  Recipient add(const std::string& user, const Content& content) {
    inbox.emplace_back(user, content);
    return {user, static_cast<std::int64_t>(inbox.size())};
  }
};

class RecordingChannel final : public LiveChannel {
 public:
  void publish(std::shared_ptr<const Delivery> delivery) override {
    if (down) throw std::runtime_error("the bus is unreachable");
    published.push_back(std::move(delivery));
  }
  std::vector<std::shared_ptr<const Delivery>> published;
  bool down = false;  // a bus between nodes that cannot be reached
};

class OutboxDispatcherTest : public ::testing::Test {
 protected:
  MemoryRepository repository;
  RecordingChannel live;
  OutboxDispatcher dispatcher{repository, live, Logger::null()};
  SysSeconds now = std::chrono::floor<std::chrono::seconds>(Clock::now());
};

TEST_F(OutboxDispatcherTest, AReadyReportTellsItsOwnerInTheInboxAndLive) {
  repository.outbox.push_back(report_ready("owner-1", "report-9", "2026-10-01", "2026-10-31", "pdf"));
  EXPECT_EQ(dispatcher.run_once(now), 1u);
  ASSERT_EQ(repository.inbox.size(), 1u);
  EXPECT_EQ(repository.inbox[0].first, "owner-1");
  const Content& content = repository.inbox[0].second;
  EXPECT_EQ(content.kind, "report.ready");
  EXPECT_EQ(content.body, "PDF report for 2026-10-01 to 2026-10-31");
  EXPECT_EQ(boost::json::parse(content.data).at("report_id").as_string(), "report-9");
  ASSERT_EQ(live.published.size(), 1u);
  EXPECT_EQ(live.published[0]->recipients.size(), 1u);
  EXPECT_EQ(live.published[0]->recipients[0].user_id, "owner-1");
}

TEST_F(OutboxDispatcherTest, EveryFollowerIsPublishedAndAMalformedEventHoldsNothingUp) {
  repository.followers = {"fan-1", "fan-2"};
  repository.outbox.push_back({"e1", "coupon.created", "not json"});
  repository.outbox.push_back({"e2", "something.else", "{}"});
  repository.outbox.push_back({"e3", "coupon.created", R"({"hotel_id":"h1","hotel_name":"Hotel","title":"Brunch"})"});
  EXPECT_EQ(dispatcher.run_once(now), 3u);
  EXPECT_EQ(repository.sent.size(), 3u);  // the bad ones are set aside, never retried
  ASSERT_EQ(live.published.size(), 1u);
  EXPECT_EQ(live.published[0]->content.kind, "coupon.created");
  EXPECT_EQ(live.published[0]->recipients.size(), 2u);
  EXPECT_EQ(dispatcher.run_once(now), 0u);
}

TEST_F(OutboxDispatcherTest, WhileTheLiveChannelIsDownDeliveriesReachTheInboxAndGoOutLiveInOrderOnceItIsBack) {
  live.down = true;
  repository.outbox.push_back(report_ready("owner-1", "report-1", "2026-10-01", "2026-10-31", "pdf"));
  repository.outbox.push_back(report_ready("owner-1", "report-2", "2026-10-01", "2026-10-31", "csv"));
  EXPECT_EQ(dispatcher.run_once(now), 2u);
  EXPECT_EQ(repository.inbox.size(), 2u);  // nothing waits for the inbox
  EXPECT_TRUE(live.published.empty());
  EXPECT_EQ(dispatcher.waiting_live(), 2u);
  repository.outbox.push_back(report_ready("owner-1", "report-3", "2026-10-01", "2026-10-31", "pdf"));
  EXPECT_EQ(dispatcher.run_once(now), 1u);
  EXPECT_EQ(dispatcher.waiting_live(), 3u);

  live.down = false;
  EXPECT_EQ(dispatcher.run_once(now), 0u);  // no new events: the waiting ones go out
  ASSERT_EQ(live.published.size(), 3u);
  for (std::size_t i = 0; i < 3; ++i) {
    EXPECT_EQ(boost::json::parse(live.published[i]->content.data).at("report_id").as_string(),
              "report-" + std::to_string(i + 1));
  }
  EXPECT_EQ(dispatcher.waiting_live(), 0u);
}

}  // namespace
}  // namespace hc::notifications
