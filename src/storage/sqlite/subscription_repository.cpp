#include "storage/sqlite/subscription_repository.hpp"

#include "storage/sqlite/rows.hpp"

namespace hc::sqlite {
namespace {

constexpr std::string_view kSelect =
    "SELECT h.id, h.name, h.city, h.timezone, s.since, s.source FROM subscriptions s "
    "JOIN hotels h ON h.id = s.hotel_id ";

subscriptions::Subscription read_subscription(Statement& row) {
  return {{row.text(0), row.text(1), row.text(2), row.text(3)}, time_column(row, 4), row.text(5)};
}

bool hotel_exists(Connection& db, std::string_view hotel_id) {
  Statement& query = db.prepare("SELECT 1 FROM hotels WHERE id = ?");
  query.bind(1, hotel_id);
  const bool found = query.step();
  query.reset();
  return found;
}

}  // namespace

std::optional<subscriptions::Subscription> SqliteSubscriptionRepository::follow(std::string_view user_id,
                                                                                std::string_view hotel_id,
                                                                                SysSeconds now) {
  auto db = pool_.acquire();
  Transaction transaction(*db);
  if (!hotel_exists(*db, hotel_id)) return std::nullopt;
  // Following again keeps the date the traveller first followed; following after an unfollow starts anew.
  db->prepare(
        "INSERT INTO subscriptions (user_id, hotel_id, state, source, since, after_event) "
        "VALUES (?1, ?2, 'following', 'manual', ?3, (SELECT coalesce(max(seq), 0) FROM outbox)) "
        "ON CONFLICT (user_id, hotel_id) DO UPDATE SET source = 'manual', "
        "since = CASE WHEN state = 'following' THEN since ELSE ?3 END, "
        "after_event = CASE WHEN state = 'following' THEN after_event ELSE excluded.after_event END, "
        "state = 'following'")
      .bind_all(user_id, hotel_id, to_rfc3339(now))
      .run();
  Statement& query = db->prepare(std::string(kSelect) + "WHERE s.user_id = ? AND s.hotel_id = ?");
  query.bind_all(user_id, hotel_id);
  query.step();
  auto followed = read_subscription(query);
  query.reset();
  transaction.commit();
  return followed;
}

bool SqliteSubscriptionRepository::unfollow(std::string_view user_id, std::string_view hotel_id, SysSeconds now) {
  auto db = pool_.acquire();
  Transaction transaction(*db);
  if (!hotel_exists(*db, hotel_id)) return false;
  db->prepare(
        "INSERT INTO subscriptions (user_id, hotel_id, state, source, since) VALUES (?1, ?2, 'unfollowed', 'manual', ?3) "
        "ON CONFLICT (user_id, hotel_id) DO UPDATE SET state = 'unfollowed', since = ?3")
      .bind_all(user_id, hotel_id, to_rfc3339(now))
      .run();
  transaction.commit();
  return true;
}

std::vector<subscriptions::Subscription> SqliteSubscriptionRepository::following(
    std::string_view user_id, const std::optional<subscriptions::Subscription>& after, std::size_t limit) {
  auto db = pool_.acquire();
  Statement& query = db->prepare(std::string(kSelect) +
                                 "WHERE s.user_id = ?1 AND s.state = 'following' "
                                 "AND (?3 IS NULL OR s.since < ?2 OR (s.since = ?2 AND s.hotel_id < ?3)) "
                                 "ORDER BY s.since DESC, s.hotel_id DESC LIMIT ?4");
  const std::optional<std::string> since = after ? std::optional(to_rfc3339(after->since)) : std::nullopt;
  const std::optional<std::string> hotel = after ? std::optional(after->hotel.id) : std::nullopt;
  query.bind_all(user_id, since, hotel, static_cast<std::int64_t>(limit));
  std::vector<subscriptions::Subscription> found;
  while (query.step()) found.push_back(read_subscription(query));
  return found;
}

}  // namespace hc::sqlite
