#include "storage/sqlite/notification_repository.hpp"

#include "storage/sqlite/rows.hpp"

namespace hc::sqlite {
namespace {

void mark_sent(Connection& db, std::string_view event_id, SysSeconds now) {
  db.prepare("UPDATE outbox SET sent_at = ? WHERE id = ?").bind_all(to_rfc3339(now), event_id).run();
}

// In one transaction: the event's inbox rows (written by `insert`; OR IGNORE makes a second run of the event
// harmless), the event marked sent, and every inbox row of the event read back, including those an earlier,
// interrupted run wrote.
template <class Insert>
std::vector<notifications::Recipient> deliver(ConnectionPool& pool, const notifications::OutboxEvent& event,
                                              SysSeconds now, Insert insert) {
  auto db = pool.acquire();
  Transaction transaction(*db);
  insert(*db);
  mark_sent(*db, event.id, now);
  Statement& query = db->prepare("SELECT user_id, seq FROM notifications WHERE event_id = ? ORDER BY seq");
  query.bind(1, event.id);
  std::vector<notifications::Recipient> delivered;
  while (query.step()) delivered.push_back({query.text(0), query.int64(1)});
  transaction.commit();
  return delivered;
}

// The start of every query that read_notifications reads, in its column order.
constexpr std::string_view kSelectNotifications =
    "SELECT seq, kind, title, body, data, created_at, read_at IS NOT NULL FROM notifications ";

std::vector<notifications::Notification> read_notifications(Statement& query) {
  std::vector<notifications::Notification> found;
  while (query.step()) {
    found.push_back({std::to_string(query.int64(0)), query.text(1), query.text(2), query.text(3), query.text(4),
                     time_column(query, 5), query.int64(6) != 0});
  }
  return found;
}

}  // namespace

void append_outbox(Connection& db, const notifications::OutboxEvent& event, SysSeconds now) {
  db.prepare("INSERT INTO outbox (id, kind, payload, created_at) VALUES (?, ?, ?, ?)")
      .bind_all(event.id, event.kind, event.payload, to_rfc3339(now))
      .run();
}

std::vector<notifications::OutboxEvent> SqliteNotificationRepository::unsent(std::size_t limit) {
  auto db = pool_.acquire();
  Statement& query = db->prepare("SELECT id, kind, payload FROM outbox WHERE sent_at IS NULL ORDER BY seq LIMIT ?");
  query.bind(1, static_cast<std::int64_t>(limit));
  std::vector<notifications::OutboxEvent> events;
  while (query.step()) events.push_back({query.text(0), query.text(1), query.text(2)});
  return events;
}

std::vector<notifications::Recipient> SqliteNotificationRepository::deliver_to_followers(
    const notifications::OutboxEvent& event, std::string_view hotel_id, const notifications::Content& content,
    SysSeconds now) {
  // One statement, whatever the number of followers. Those who followed the hotel before the event are told
  // (not those who followed it since).
  return deliver(pool_, event, now, [&](Connection& db) {
    db.prepare(
          "INSERT OR IGNORE INTO notifications (user_id, event_id, kind, title, body, data, created_at) "
          "SELECT s.user_id, ?1, ?2, ?3, ?4, ?5, ?6 FROM subscriptions s "
          "WHERE s.hotel_id = ?7 AND s.state = 'following' "
          "AND s.after_event < (SELECT seq FROM outbox WHERE id = ?1)")
        .bind_all(event.id, content.kind, content.title, content.body, content.data, to_rfc3339(now), hotel_id)
        .run();
  });
}

std::vector<notifications::Recipient> SqliteNotificationRepository::deliver_to_user(
    const notifications::OutboxEvent& event, std::string_view user_id, const notifications::Content& content,
    SysSeconds now) {
  return deliver(pool_, event, now, [&](Connection& db) {
    db.prepare(
          "INSERT OR IGNORE INTO notifications (user_id, event_id, kind, title, body, data, created_at) "
          "SELECT id, ?, ?, ?, ?, ?, ? FROM users WHERE id = ?")
        .bind_all(event.id, content.kind, content.title, content.body, content.data, to_rfc3339(now), user_id)
        .run();
  });
}

void SqliteNotificationRepository::discard(const notifications::OutboxEvent& event, SysSeconds now) {
  auto db = pool_.acquire();
  mark_sent(*db, event.id, now);
}

std::vector<notifications::Notification> SqliteNotificationRepository::list(std::string_view user_id, bool unread_only,
                                                                            const std::optional<std::int64_t>& before,
                                                                            std::size_t limit) {
  auto db = pool_.acquire();
  Statement& query = db->prepare(
      std::string(kSelectNotifications) +
      "WHERE user_id = ?1 AND (?2 = 0 OR read_at IS NULL) AND (?3 IS NULL OR seq < ?3) ORDER BY seq DESC LIMIT ?4");
  query.bind_all(user_id, std::int64_t{unread_only ? 1 : 0}, before, static_cast<std::int64_t>(limit));
  return read_notifications(query);
}

std::vector<notifications::Notification> SqliteNotificationRepository::after(std::string_view user_id,
                                                                             std::int64_t after, std::size_t limit) {
  auto db = pool_.acquire();
  Statement& query =
      db->prepare(std::string(kSelectNotifications) + "WHERE user_id = ? AND seq > ? ORDER BY seq LIMIT ?");
  query.bind_all(user_id, after, static_cast<std::int64_t>(limit));
  return read_notifications(query);
}

void SqliteNotificationRepository::mark_read_up_to(std::string_view user_id, std::int64_t up_to, SysSeconds now) {
  auto db = pool_.acquire();
  db->prepare("UPDATE notifications SET read_at = ? WHERE user_id = ? AND seq <= ? AND read_at IS NULL")
      .bind_all(to_rfc3339(now), user_id, up_to)
      .run();
}

void SqliteNotificationRepository::mark_read(std::string_view user_id, const std::vector<std::int64_t>& ids,
                                             SysSeconds now) {
  auto db = pool_.acquire();
  Transaction transaction(*db);
  Statement& update =
      db->prepare("UPDATE notifications SET read_at = ? WHERE user_id = ? AND seq = ? AND read_at IS NULL");
  const std::string stamp = to_rfc3339(now);
  for (std::int64_t id : ids) {
    update.bind_all(stamp, user_id, id);
    update.run();
    update.reset();
  }
  transaction.commit();
}

}  // namespace hc::sqlite
