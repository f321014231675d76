#include "storage/sqlite/interaction_repository.hpp"

#include "interactions/tally.hpp"
#include "storage/sqlite/rows.hpp"

namespace hc::sqlite {
namespace {

constexpr std::chrono::hours kRememberIds{24};

// Records an id among those seen in the last day; false when it was there already.
bool remember_id(Connection& db, std::string_view id, SysSeconds now) {
  db.prepare("INSERT OR IGNORE INTO interaction_ids (id, received_at) VALUES (?, ?)")
      .bind_all(id, to_rfc3339(now))
      .run();
  return db.changes() > 0;
}

std::optional<interactions::CouponHome> find_home(Connection& db, std::string_view coupon_id) {
  Statement& query =
      db.prepare("SELECT h.timezone, h.owner_id FROM coupons c JOIN hotels h ON h.id = c.hotel_id WHERE c.id = ?");
  query.bind(1, coupon_id);
  std::optional<interactions::CouponHome> home;
  if (query.step()) home = interactions::CouponHome{query.text(0), query.text(1)};
  query.reset();
  return home;
}

// Adds the tally's sums to the counters and forgets ids older than a day: how every fold ends.
void finish_fold(Connection& db, const interactions::Tally& tally, SysSeconds now) {
  Statement& upsert = db.prepare(
      "INSERT INTO coupon_daily (coupon_id, day, views, clicks, shares, claims, uses) VALUES (?, ?, ?, ?, ?, ?, ?) "
      "ON CONFLICT (coupon_id, day) DO UPDATE SET views = views + excluded.views, clicks = clicks + excluded.clicks, "
      "shares = shares + excluded.shares, claims = claims + excluded.claims, uses = uses + excluded.uses");
  for (const auto& [key, c] : tally.sums()) {
    upsert.bind_all(key.first, key.second, c.views, c.clicks, c.shares, c.claims, c.uses);
    upsert.run();
    upsert.reset();
  }
  db.prepare("DELETE FROM interaction_ids WHERE received_at < ?").bind(1, to_rfc3339(now - kRememberIds)).run();
}

interactions::Counts read_counts(Statement& row, int first) {
  return {row.int64(first), row.int64(first + 1), row.int64(first + 2), row.int64(first + 3), row.int64(first + 4)};
}

constexpr std::string_view kSums =
    "coalesce(sum(d.views), 0), coalesce(sum(d.clicks), 0), coalesce(sum(d.shares), 0), "
    "coalesce(sum(d.claims), 0), coalesce(sum(d.uses), 0)";

}  // namespace

void queue_interaction(Connection& db, std::string_view coupon_id, std::string_view action, SysSeconds at,
                       std::int64_t count) {
  db.prepare("INSERT INTO interaction_queue (coupon_id, action, at, count) VALUES (?, ?, ?, ?)")
      .bind_all(coupon_id, action, to_rfc3339(at), count)
      .run();
}

std::size_t SqliteInteractionRepository::enqueue(const std::vector<interactions::Interaction>& events, SysSeconds now) {
  auto db = pool_.acquire();
  Transaction transaction(*db);
  std::size_t queued = 0;
  for (const interactions::Interaction& event : events) {
    if (event.id && !remember_id(*db, *event.id, now)) continue;  // a retry of an event already queued or counted
    queue_interaction(*db, event.coupon_id, event.action, event.at, event.count);
    queued += static_cast<std::size_t>(event.count);
  }
  transaction.commit();
  return queued;
}

interactions::FoldResult SqliteInteractionRepository::fold(std::size_t batch, SysSeconds now) {
  auto db = pool_.acquire();
  Transaction transaction(*db);
  Statement& queued = db->prepare(
      "SELECT q.seq, q.coupon_id, q.action, q.at, q.count, h.timezone, h.owner_id FROM interaction_queue q "
      "LEFT JOIN coupons c ON c.id = q.coupon_id LEFT JOIN hotels h ON h.id = c.hotel_id ORDER BY q.seq LIMIT ?");
  queued.bind(1, static_cast<std::int64_t>(batch));
  interactions::Tally tally;
  std::int64_t last = 0;
  while (queued.step()) {
    last = queued.int64(0);
    auto home =
        queued.is_null(5) ? std::nullopt : std::make_optional(interactions::CouponHome{queued.text(5), queued.text(6)});
    tally.add(queued.text(1), queued.text(2), time_column(queued, 3), queued.int64(4), home);
  }
  queued.reset();
  if (last == 0) return {};
  finish_fold(*db, tally, now);
  db->prepare("DELETE FROM interaction_queue WHERE seq <= ?").bind(1, last).run();
  transaction.commit();
  return tally.result();
}

interactions::FoldResult SqliteInteractionRepository::fold_delivered(
    const std::vector<interactions::DeliveredInteraction>& delivered, SysSeconds now) {
  auto db = pool_.acquire();
  Transaction transaction(*db);
  const interactions::Tally tally = interactions::tally_new_deliveries(
      delivered, [&](std::string_view id) { return remember_id(*db, id, now); },
      [&](std::string_view coupon_id) { return find_home(*db, coupon_id); });
  finish_fold(*db, tally, now);
  transaction.commit();
  return tally.result();
}

std::pair<std::int64_t, std::chrono::seconds> SqliteInteractionRepository::backlog(SysSeconds now) {
  auto db = pool_.acquire();
  Statement& query = db->prepare("SELECT coalesce(sum(count), 0), min(at) FROM interaction_queue");
  query.step();
  const std::int64_t depth = query.int64(0);
  const auto oldest = optional_time_column(query, 1);
  query.reset();
  return {depth, oldest ? std::max(std::chrono::seconds{0}, now - *oldest) : std::chrono::seconds{0}};
}

std::vector<interactions::DailyCounts> SqliteInteractionRepository::daily(std::string_view hotel_id, LocalDate from,
                                                                          LocalDate to) {
  auto db = pool_.acquire();
  Statement& query = db->prepare("SELECT d.day, " + std::string(kSums) +
                                 " FROM coupon_daily d JOIN coupons c ON c.id = d.coupon_id "
                                 "WHERE c.hotel_id = ? AND d.day BETWEEN ? AND ? GROUP BY d.day ORDER BY d.day");
  query.bind_all(hotel_id, to_iso_date(from), to_iso_date(to));
  std::vector<interactions::DailyCounts> days;
  while (query.step()) days.push_back({date_column(query, 0), read_counts(query, 1)});
  return days;
}

std::vector<interactions::CouponDayCounts> SqliteInteractionRepository::per_coupon_day(std::string_view hotel_id,
                                                                                       LocalDate from, LocalDate to) {
  auto db = pool_.acquire();
  Statement& query = db->prepare(
      "SELECT d.coupon_id, d.day, d.views, d.clicks, d.shares, d.claims, d.uses "
      "FROM coupon_daily d JOIN coupons c ON c.id = d.coupon_id "
      "WHERE c.hotel_id = ? AND d.day BETWEEN ? AND ? ORDER BY d.coupon_id DESC, d.day");
  query.bind_all(hotel_id, to_iso_date(from), to_iso_date(to));
  std::vector<interactions::CouponDayCounts> rows;
  while (query.step()) {
    rows.push_back({query.text(0), date_column(query, 1), read_counts(query, 2)});
  }
  return rows;
}

std::vector<interactions::CouponCounts> SqliteInteractionRepository::per_coupon(std::string_view hotel_id,
                                                                                LocalDate from, LocalDate to) {
  auto db = pool_.acquire();
  Statement& query = db->prepare("SELECT c.id, c.title, " + std::string(kSums) +
                                 " FROM coupons c LEFT JOIN coupon_daily d ON d.coupon_id = c.id "
                                 "AND d.day BETWEEN ?2 AND ?3 WHERE c.hotel_id = ?1 GROUP BY c.id ORDER BY c.id DESC");
  query.bind_all(hotel_id, to_iso_date(from), to_iso_date(to));
  std::vector<interactions::CouponCounts> coupons;
  while (query.step()) coupons.push_back({query.text(0), query.text(1), read_counts(query, 2)});
  return coupons;
}

}  // namespace hc::sqlite
