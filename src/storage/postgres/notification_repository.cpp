#include "storage/postgres/notification_repository.hpp"

#include "storage/postgres/rows.hpp"

namespace hc::postgres {
namespace {

void mark_sent(Connection& db, std::string_view event_id, SysSeconds now) {
  db.exec("UPDATE outbox SET sent_at = $1 WHERE id = $2", to_rfc3339(now), event_id);
}

// In one transaction: the event's inbox rows (written by `insert`; ON CONFLICT DO NOTHING makes a second run of
// the event harmless, and a concurrent one waits for the first and then adds nothing), the event marked sent, and
// every inbox row of the event read back, including those an earlier, interrupted run wrote.
template <class Insert>
std::vector<notifications::Recipient> deliver(ConnectionPool& pool, const notifications::OutboxEvent& event,
                                              SysSeconds now, Insert insert) {
  auto db = pool.acquire();
  Transaction transaction(*db);
  insert(*db);
  mark_sent(*db, event.id, now);
  const auto rows = db->exec("SELECT user_id, seq FROM notifications WHERE event_id = $1 ORDER BY seq", event.id);
  std::vector<notifications::Recipient> delivered;
  delivered.reserve(static_cast<std::size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row) delivered.push_back({rows.text(row, 0), rows.int64(row, 1)});
  transaction.commit();
  return delivered;
}

// The start of every query that read_notifications reads, in its column order.
constexpr std::string_view kSelectNotifications =
    "SELECT seq, kind, title, body, data, created_at, read_at IS NOT NULL FROM notifications ";

std::vector<notifications::Notification> read_notifications(const Result& rows) {
  std::vector<notifications::Notification> found;
  found.reserve(static_cast<std::size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row) {
    found.push_back({std::to_string(rows.int64(row, 0)), rows.text(row, 1), rows.text(row, 2), rows.text(row, 3),
                     rows.text(row, 4), time_column(rows, row, 5), rows.text(row, 6) == "t"});
  }
  return found;
}

}  // namespace

std::vector<notifications::OutboxEvent> PostgresNotificationRepository::unsent(std::size_t limit) {
  auto db = pool_.acquire();
  const auto rows = db->exec("SELECT id, kind, payload FROM outbox WHERE sent_at IS NULL ORDER BY seq LIMIT $1::bigint",
                             static_cast<std::int64_t>(limit));
  std::vector<notifications::OutboxEvent> events;
  events.reserve(static_cast<std::size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row)
    events.push_back({rows.text(row, 0), rows.text(row, 1), rows.text(row, 2)});
  return events;
}

std::vector<notifications::Recipient> PostgresNotificationRepository::deliver_to_followers(
    const notifications::OutboxEvent& event, std::string_view hotel_id, const notifications::Content& content,
    SysSeconds now) {
  // One statement, whatever the number of followers. Those who followed the hotel before the event are told
  // (not those who followed it since: their after_event is the event's number or newer, see events.hpp). In user
  // order, so that two dispatchers delivering the same event meet on the same first row instead of deadlocking.
  return deliver(pool_, event, now, [&](Connection& db) {
    db.exec(
        "INSERT INTO notifications (user_id, event_id, kind, title, body, data, created_at) "
        "SELECT s.user_id, $1::text, $2, $3, $4, $5, $6 FROM subscriptions s "
        "WHERE s.hotel_id = $7 AND s.state = 'following' "
        "AND s.after_event < (SELECT seq FROM outbox WHERE id = $1::text) "
        "ORDER BY s.user_id ON CONFLICT (event_id, user_id) DO NOTHING",
        event.id, content.kind, content.title, content.body, content.data, to_rfc3339(now), hotel_id);
  });
}

std::vector<notifications::Recipient> PostgresNotificationRepository::deliver_to_user(
    const notifications::OutboxEvent& event, std::string_view user_id, const notifications::Content& content,
    SysSeconds now) {
  return deliver(pool_, event, now, [&](Connection& db) {
    db.exec(
        "INSERT INTO notifications (user_id, event_id, kind, title, body, data, created_at) "
        "SELECT id, $1, $2, $3, $4, $5, $6 FROM users WHERE id = $7 "
        "ON CONFLICT (event_id, user_id) DO NOTHING",
        event.id, content.kind, content.title, content.body, content.data, to_rfc3339(now), user_id);
  });
}

void PostgresNotificationRepository::discard(const notifications::OutboxEvent& event, SysSeconds now) {
  auto db = pool_.acquire();
  mark_sent(*db, event.id, now);
}

std::vector<notifications::Notification> PostgresNotificationRepository::list(std::string_view user_id,
                                                                              bool unread_only,
                                                                              const std::optional<std::int64_t>& before,
                                                                              std::size_t limit) {
  auto db = pool_.acquire();
  return read_notifications(db->exec(std::string(kSelectNotifications) +
                                         "WHERE user_id = $1 AND (NOT $2::boolean OR read_at IS NULL) "
                                         "AND ($3::bigint IS NULL OR seq < $3) ORDER BY seq DESC LIMIT $4::bigint",
                                     user_id, unread_only, before, static_cast<std::int64_t>(limit)));
}

std::vector<notifications::Notification> PostgresNotificationRepository::after(std::string_view user_id,
                                                                               std::int64_t after, std::size_t limit) {
  auto db = pool_.acquire();
  return read_notifications(db->exec(
      std::string(kSelectNotifications) + "WHERE user_id = $1 AND seq > $2::bigint ORDER BY seq LIMIT $3::bigint",
      user_id, after, static_cast<std::int64_t>(limit)));
}

void PostgresNotificationRepository::mark_read_up_to(std::string_view user_id, std::int64_t up_to, SysSeconds now) {
  auto db = pool_.acquire();
  db->exec("UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND seq <= $3::bigint AND read_at IS NULL",
           to_rfc3339(now), user_id, up_to);
}

void PostgresNotificationRepository::mark_read(std::string_view user_id, const std::vector<std::int64_t>& ids,
                                               SysSeconds now) {
  auto db = pool_.acquire();
  db->exec("UPDATE notifications SET read_at = $1 WHERE user_id = $2 AND seq = ANY($3::bigint[]) AND read_at IS NULL",
           to_rfc3339(now), user_id, bigint_array(ids));
}

}  // namespace hc::postgres
