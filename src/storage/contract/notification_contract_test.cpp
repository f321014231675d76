// The notifications repository's promises on both engines: the outbox's unsent events in order, delivery to the
// followers who followed before the event (once per event and user, however often or concurrently it runs),
// delivery to one user, and the inbox's pages and read marks.
#include <gtest/gtest.h>

#include <algorithm>
#include <latch>
#include <thread>
#include <vector>

#include "storage_contract.hpp"

namespace hc::test {
namespace {

using namespace std::chrono_literals;
using notifications::Content;
using notifications::OutboxEvent;
using notifications::Recipient;

const SysSeconds kNow = *parse_rfc3339("2026-03-01T12:00:00Z");
const Content kContent{"coupon.created", "Nouveau : été à Αθήνα", "20 % off", R"({"coupon_id":"c-1"})"};

std::vector<std::string> users_of(const std::vector<Recipient>& recipients) {
  std::vector<std::string> users;
  for (const auto& recipient : recipients) users.push_back(recipient.user_id);
  std::ranges::sort(users);
  return users;
}

std::vector<std::string> ids_of(const std::vector<notifications::Notification>& found) {
  std::vector<std::string> ids;
  for (const auto& notification : found) ids.push_back(notification.id);
  return ids;
}

class NotificationStorage : public StorageContract {
 protected:
  void SetUp() override {
    StorageContract::SetUp();
    add_hotelier("owner-1", "hotel-1");
    for (const char* user : {"t-1", "t-2", "t-3"}) add_traveller(user);
  }

  OutboxEvent add_event(const std::string& id) {
    OutboxEvent event{id, "coupon.created", R"({"hotel_id":"hotel-1"})"};
    exec("INSERT INTO outbox (id, kind, payload, created_at) VALUES (" + quote(event.id) + ", " + quote(event.kind) +
         ", " + quote(event.payload) + ", '2026-03-01T00:00:00Z')");
    return event;
  }

  void follow(std::string_view user_id) { ASSERT_TRUE(db().subscriptions().follow(user_id, "hotel-1", kNow)); }

  std::int64_t inbox_rows() { return query_int("SELECT count(*) FROM notifications"); }

  // Delivers events "e-1".."e-n" to one user and returns their notification ids, oldest first.
  std::vector<std::int64_t> deliver_to(std::string_view user_id, int n) {
    std::vector<std::int64_t> ids;
    for (int i = 1; i <= n; ++i) {
      const auto event = add_event(std::string(user_id) + "-e-" + std::to_string(i));
      ids.push_back(db().notifications()
                        .deliver_to_user(event, user_id, kContent, kNow + std::chrono::seconds(i))
                        .at(0)
                        .notification_id);
    }
    return ids;
  }
};

TEST_P(NotificationStorage, ListsUnsentEventsOldestFirstUpToTheLimit) {
  EXPECT_TRUE(db().notifications().unsent(10).empty());
  add_event("e-1");
  add_event("e-2");
  add_event("e-3");
  const auto first_two = db().notifications().unsent(2);
  ASSERT_EQ(first_two.size(), 2U);
  EXPECT_EQ(first_two[0].id, "e-1");
  EXPECT_EQ(first_two[0].kind, "coupon.created");
  EXPECT_EQ(first_two[0].payload, R"({"hotel_id":"hotel-1"})");
  EXPECT_EQ(first_two[1].id, "e-2");
}

TEST_P(NotificationStorage, DeliveredAndDiscardedEventsAreNoLongerUnsent) {
  const auto delivered = add_event("e-1");
  const auto discarded = add_event("e-2");
  add_event("e-3");
  (void)db().notifications().deliver_to_followers(delivered, "hotel-1", kContent, kNow);
  db().notifications().discard(discarded, kNow);
  const auto left = db().notifications().unsent(10);
  ASSERT_EQ(left.size(), 1U);
  EXPECT_EQ(left[0].id, "e-3");
}

TEST_P(NotificationStorage, TellsOnlyTheFollowersWhoFollowedBeforeTheEvent) {
  follow("t-1");
  follow("t-3");
  ASSERT_TRUE(db().subscriptions().unfollow("t-3", "hotel-1", kNow));
  const auto event = add_event("e-1");
  follow("t-2");
  const auto recipients = db().notifications().deliver_to_followers(event, "hotel-1", kContent, kNow);
  EXPECT_EQ(users_of(recipients), std::vector<std::string>{"t-1"});
  EXPECT_TRUE(db().notifications().list("t-2", false, std::nullopt, 10).empty()) << "followed after the event";
  EXPECT_TRUE(db().notifications().list("t-3", false, std::nullopt, 10).empty()) << "unfollowed";
  const auto inbox = db().notifications().list("t-1", false, std::nullopt, 10);
  ASSERT_EQ(inbox.size(), 1U);
  EXPECT_EQ(inbox[0].id, std::to_string(recipients[0].notification_id));
  EXPECT_EQ(inbox[0].kind, kContent.kind);
  EXPECT_EQ(inbox[0].title, kContent.title);
  EXPECT_EQ(inbox[0].body, kContent.body);
  EXPECT_EQ(inbox[0].data, kContent.data);
  EXPECT_EQ(inbox[0].created_at, kNow);
  EXPECT_FALSE(inbox[0].read);
}

TEST_P(NotificationStorage, AnEventNobodyFollowsIsStillMarkedSent) {
  const auto event = add_event("e-1");
  EXPECT_TRUE(db().notifications().deliver_to_followers(event, "hotel-1", kContent, kNow).empty());
  EXPECT_TRUE(db().notifications().unsent(10).empty());
}

TEST_P(NotificationStorage, DeliveringAnEventAgainAddsNothingAndReturnsTheSameRows) {
  follow("t-1");
  follow("t-2");
  const auto event = add_event("e-1");
  const auto first = db().notifications().deliver_to_followers(event, "hotel-1", kContent, kNow);
  ASSERT_EQ(first.size(), 2U);
  const auto second = db().notifications().deliver_to_followers(event, "hotel-1", kContent, kNow + 1min);
  ASSERT_EQ(second.size(), 2U);
  for (std::size_t i = 0; i < first.size(); ++i) {
    EXPECT_EQ(second[i].user_id, first[i].user_id);
    EXPECT_EQ(second[i].notification_id, first[i].notification_id);
  }
  EXPECT_EQ(inbox_rows(), 2);
}

TEST_P(NotificationStorage, ConcurrentDeliveriesOfOneEventGiveEachFollowerOneRow) {
  follow("t-1");
  follow("t-2");
  follow("t-3");
  const auto event = add_event("e-1");
  constexpr int kThreads = 4;
  std::latch start(kThreads);
  std::vector<std::vector<Recipient>> results(kThreads);
  std::vector<std::jthread> threads;
  for (int i = 0; i < kThreads; ++i) {
    threads.emplace_back([&, i] {
      start.arrive_and_wait();
      results[static_cast<std::size_t>(i)] =
          db().notifications().deliver_to_followers(event, "hotel-1", kContent, kNow);
    });
  }
  threads.clear();
  for (const auto& result : results) {
    EXPECT_EQ(users_of(result), (std::vector<std::string>{"t-1", "t-2", "t-3"})) << "each run sees every row";
  }
  EXPECT_EQ(inbox_rows(), 3);
}

TEST_P(NotificationStorage, DeliversAnEventToOneUserOnce) {
  const auto event = add_event("e-1");
  const auto first = db().notifications().deliver_to_user(event, "t-2", kContent, kNow);
  ASSERT_EQ(first.size(), 1U);
  EXPECT_EQ(first[0].user_id, "t-2");
  const auto again = db().notifications().deliver_to_user(event, "t-2", kContent, kNow);
  ASSERT_EQ(again.size(), 1U);
  EXPECT_EQ(again[0].notification_id, first[0].notification_id);
  EXPECT_EQ(inbox_rows(), 1);
  EXPECT_TRUE(db().notifications().unsent(10).empty());
}

TEST_P(NotificationStorage, AnEventForAnUnknownUserReachesNobodyAndIsMarkedSent) {
  const auto event = add_event("e-1");
  EXPECT_TRUE(db().notifications().deliver_to_user(event, "nobody", kContent, kNow).empty());
  EXPECT_TRUE(db().notifications().unsent(10).empty());
}

TEST_P(NotificationStorage, ListsTheInboxNewestFirstInPagesBeforeAnId) {
  const auto ids = deliver_to("t-1", 3);
  (void)deliver_to("t-2", 1);
  ASSERT_LT(ids[0], ids[1]);
  ASSERT_LT(ids[1], ids[2]);
  const auto first = db().notifications().list("t-1", false, std::nullopt, 2);
  EXPECT_EQ(ids_of(first), (std::vector<std::string>{std::to_string(ids[2]), std::to_string(ids[1])}));
  EXPECT_EQ(first[0].created_at, kNow + 3s);
  const auto rest = db().notifications().list("t-1", false, std::stoll(first.back().id), 2);
  EXPECT_EQ(ids_of(rest), std::vector<std::string>{std::to_string(ids[0])});
  EXPECT_TRUE(db().notifications().list("t-1", false, ids[0], 2).empty());
  EXPECT_TRUE(db().notifications().list("t-3", false, std::nullopt, 2).empty());
}

TEST_P(NotificationStorage, ListsOnlyUnreadNotificationsWhenAsked) {
  const auto ids = deliver_to("t-1", 3);
  db().notifications().mark_read("t-1", {ids[1]}, kNow);
  const auto unread = db().notifications().list("t-1", true, std::nullopt, 10);
  EXPECT_EQ(ids_of(unread), (std::vector<std::string>{std::to_string(ids[2]), std::to_string(ids[0])}));
  const auto all = db().notifications().list("t-1", false, std::nullopt, 10);
  ASSERT_EQ(all.size(), 3U);
  EXPECT_TRUE(all[1].read);
  EXPECT_FALSE(all[0].read);
}

TEST_P(NotificationStorage, GivesAReconnectingClientWhatItMissedOldestFirst) {
  const auto ids = deliver_to("t-1", 4);
  (void)deliver_to("t-2", 2);
  const auto missed = db().notifications().after("t-1", ids[0], 2);
  EXPECT_EQ(ids_of(missed), (std::vector<std::string>{std::to_string(ids[1]), std::to_string(ids[2])}));
  EXPECT_EQ(db().notifications().after("t-1", 0, 10).size(), 4U);
  EXPECT_TRUE(db().notifications().after("t-1", ids[3], 10).empty());
}

TEST_P(NotificationStorage, MarksReadTheUsersOwnNotificationsUpToAnId) {
  const auto mine = deliver_to("t-1", 3);
  const auto theirs = deliver_to("t-2", 1);
  db().notifications().mark_read_up_to("t-1", mine[1], kNow);
  EXPECT_EQ(ids_of(db().notifications().list("t-1", true, std::nullopt, 10)),
            std::vector<std::string>{std::to_string(mine[2])});
  db().notifications().mark_read_up_to("t-1", theirs[0], kNow);
  EXPECT_TRUE(db().notifications().list("t-1", true, std::nullopt, 10).empty());
  EXPECT_EQ(db().notifications().list("t-2", true, std::nullopt, 10).size(), 1U) << "another user's stay unread";
}

TEST_P(NotificationStorage, MarksReadTheListedIdsIgnoringOtherUsers) {
  const auto mine = deliver_to("t-1", 3);
  const auto theirs = deliver_to("t-2", 1);
  db().notifications().mark_read("t-1", {}, kNow);
  EXPECT_EQ(db().notifications().list("t-1", true, std::nullopt, 10).size(), 3U);
  db().notifications().mark_read("t-1", {mine[0], mine[2], theirs[0], 999'999}, kNow);
  EXPECT_EQ(ids_of(db().notifications().list("t-1", true, std::nullopt, 10)),
            std::vector<std::string>{std::to_string(mine[1])});
  EXPECT_EQ(db().notifications().list("t-2", true, std::nullopt, 10).size(), 1U);
}

HC_STORAGE_CONTRACT(NotificationStorage);

}  // namespace
}  // namespace hc::test
