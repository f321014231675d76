#include "storage/postgres/subscription_repository.hpp"

#include "storage/postgres/events.hpp"
#include "storage/postgres/rows.hpp"

namespace hc::postgres {
namespace {

constexpr std::string_view kSelect =
    "SELECT h.id, h.name, h.city, h.timezone, s.since, s.source FROM subscriptions s "
    "JOIN hotels h ON h.id = s.hotel_id ";

subscriptions::Subscription read_subscription(const Result& rows, int row) {
  return {{rows.text(row, 0), rows.text(row, 1), rows.text(row, 2), rows.text(row, 3)},
          time_column(rows, row, 4),
          rows.text(row, 5)};
}

bool hotel_exists(Connection& db, std::string_view hotel_id) {
  return db.exec("SELECT 1 FROM hotels WHERE id = $1", hotel_id).rows() == 1;
}

}  // namespace

std::optional<subscriptions::Subscription> PostgresSubscriptionRepository::follow(std::string_view user_id,
                                                                                  std::string_view hotel_id,
                                                                                  SysSeconds now) {
  auto db = pool_.acquire();
  Transaction transaction(*db);
  if (!hotel_exists(*db, hotel_id)) return std::nullopt;
  // Read under the lock that orders follows and events (events.hpp), so the follower hears every later event.
  const std::int64_t after_event = newest_event_for_follow(*db);
  // Following again keeps the date the traveller first followed; following after an unfollow starts anew.
  db->exec(
      "INSERT INTO subscriptions AS s (user_id, hotel_id, state, source, since, after_event) "
      "VALUES ($1, $2, 'following', 'manual', $3, $4::bigint) "
      "ON CONFLICT (user_id, hotel_id) DO UPDATE SET source = 'manual', "
      "since = CASE WHEN s.state = 'following' THEN s.since ELSE excluded.since END, "
      "after_event = CASE WHEN s.state = 'following' THEN s.after_event ELSE excluded.after_event END, "
      "state = 'following'",
      user_id, hotel_id, to_rfc3339(now), after_event);
  const auto rows = db->exec(std::string(kSelect) + "WHERE s.user_id = $1 AND s.hotel_id = $2", user_id, hotel_id);
  auto followed = read_subscription(rows, 0);
  transaction.commit();
  return followed;
}

bool PostgresSubscriptionRepository::unfollow(std::string_view user_id, std::string_view hotel_id, SysSeconds now) {
  auto db = pool_.acquire();
  Transaction transaction(*db);
  if (!hotel_exists(*db, hotel_id)) return false;
  db->exec(
      "INSERT INTO subscriptions (user_id, hotel_id, state, source, since) "
      "VALUES ($1, $2, 'unfollowed', 'manual', $3) "
      "ON CONFLICT (user_id, hotel_id) DO UPDATE SET state = 'unfollowed', since = excluded.since",
      user_id, hotel_id, to_rfc3339(now));
  transaction.commit();
  return true;
}

std::vector<subscriptions::Subscription> PostgresSubscriptionRepository::following(
    std::string_view user_id, const std::optional<subscriptions::Subscription>& after, std::size_t limit) {
  auto db = pool_.acquire();
  const std::optional<std::string> since = after ? std::optional(to_rfc3339(after->since)) : std::nullopt;
  const std::optional<std::string> hotel = after ? std::optional(after->hotel.id) : std::nullopt;
  const auto rows = db->exec(std::string(kSelect) +
                                 "WHERE s.user_id = $1 AND s.state = 'following' "
                                 "AND ($3::text IS NULL OR s.since < $2 OR (s.since = $2 AND s.hotel_id < $3)) "
                                 "ORDER BY s.since DESC, s.hotel_id DESC LIMIT $4::bigint",
                             user_id, since, hotel, static_cast<std::int64_t>(limit));
  std::vector<subscriptions::Subscription> found;
  found.reserve(static_cast<std::size_t>(rows.rows()));
  for (int row = 0; row < rows.rows(); ++row) found.push_back(read_subscription(rows, row));
  return found;
}

}  // namespace hc::postgres
