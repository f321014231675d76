#include "storage/postgres/interaction_repository.hpp"

#include "interactions/tally.hpp"
#include "storage/postgres/events.hpp"
#include "storage/postgres/rows.hpp"

#include <algorithm>

namespace hc::postgres {
namespace {

constexpr std::chrono::hours kRememberIds{24};

// Records an id among those seen in the last day; false when it was there already. DO NOTHING rather than a
// failed insert, which would abort the whole transaction; an insert racing another transaction's waits for it.
bool remember_id(Connection& db, std::string_view id, SysSeconds now) {
  return db.exec("INSERT INTO interaction_ids (id, received_at) VALUES ($1, $2) ON CONFLICT (id) DO NOTHING", id,
                 to_rfc3339(now))
             .affected_rows() > 0;
}

std::optional<interactions::CouponHome> find_home(Connection& db, std::string_view coupon_id) {
  const Result rows = db.exec(
      "SELECT h.timezone, h.owner_id FROM coupons c JOIN hotels h ON h.id = c.hotel_id WHERE c.id = $1", coupon_id);
  if (rows.rows() == 0) return std::nullopt;
  return interactions::CouponHome{rows.text(0, 0), rows.text(0, 1)};
}

interactions::Counts read_counts(const Result& rows, int row, int first) {
  return {rows.int64(row, first), rows.int64(row, first + 1), rows.int64(row, first + 2), rows.int64(row, first + 3),
          rows.int64(row, first + 4)};
}

// sum() of bigint is numeric in PostgreSQL; the casts keep the columns integers.
constexpr std::string_view kSums =
    "coalesce(sum(d.views), 0)::bigint, coalesce(sum(d.clicks), 0)::bigint, coalesce(sum(d.shares), 0)::bigint, "
    "coalesce(sum(d.claims), 0)::bigint, coalesce(sum(d.uses), 0)::bigint";

// Takes (deletes) the oldest queued events that no other folder holds, with each coupon's hotel time zone and
// owner. SKIP LOCKED lets folders in several processes take disjoint batches instead of waiting on each other;
// a folder that fails rolls back and its events are queued again.
Result take_batch(Connection& db, std::size_t batch) {
  return db.exec(
      "WITH taken AS (DELETE FROM interaction_queue WHERE seq IN (SELECT seq FROM interaction_queue ORDER BY seq "
      "LIMIT $1::bigint FOR UPDATE SKIP LOCKED) RETURNING seq, coupon_id, action, at, count) "
      "SELECT t.coupon_id, t.action, t.at, t.count, h.timezone, h.owner_id FROM taken t "
      "LEFT JOIN coupons c ON c.id = t.coupon_id LEFT JOIN hotels h ON h.id = c.hotel_id ORDER BY t.seq",
      static_cast<std::int64_t>(batch));
}

// Adds the tally's sums to the counters and forgets ids older than a day: how every fold ends. The sums' order is
// every folder's order, so two folders adding to the same counters lock them in the same order and never deadlock.
void finish_fold(Connection& db, const interactions::Tally& tally, SysSeconds now) {
  for (const auto& [key, c] : tally.sums()) {
    db.exec(
        "INSERT INTO coupon_daily AS d (coupon_id, day, views, clicks, shares, claims, uses) "
        "VALUES ($1, $2, $3::bigint, $4::bigint, $5::bigint, $6::bigint, $7::bigint) "
        "ON CONFLICT (coupon_id, day) DO UPDATE SET views = d.views + excluded.views, "
        "clicks = d.clicks + excluded.clicks, shares = d.shares + excluded.shares, "
        "claims = d.claims + excluded.claims, uses = d.uses + excluded.uses",
        key.first, key.second, c.views, c.clicks, c.shares, c.claims, c.uses);
  }
  db.exec("DELETE FROM interaction_ids WHERE received_at < $1::hc_time", to_rfc3339(now - kRememberIds));
}

}  // namespace

std::size_t PostgresInteractionRepository::enqueue(const std::vector<interactions::Interaction>& events,
                                                   SysSeconds now) {
  auto db = pool_.acquire();
  Transaction transaction(*db);
  // Ids are remembered in sorted order: two batches holding the same ids in different orders would otherwise each
  // wait for the row the other inserted first, a deadlock.
  std::vector<const interactions::Interaction*> ordered;
  for (const interactions::Interaction& event : events) ordered.push_back(&event);
  std::ranges::stable_sort(ordered, {}, [](const interactions::Interaction* event) { return event->id.value_or(""); });
  std::size_t queued = 0;
  for (const interactions::Interaction* event : ordered) {
    if (event->id && !remember_id(*db, *event->id, now)) continue;  // a retry of an event already queued or counted
    queue_interaction(*db, event->coupon_id, event->action, event->at, event->count);
    queued += static_cast<std::size_t>(event->count);
  }
  transaction.commit();
  return queued;
}

interactions::FoldResult PostgresInteractionRepository::fold(std::size_t batch, SysSeconds now) {
  auto db = pool_.acquire();
  Transaction transaction(*db);
  const Result queued = take_batch(*db, batch);
  if (queued.rows() == 0) return {};
  interactions::Tally tally;
  for (int row = 0; row < queued.rows(); ++row) {
    auto home = queued.is_null(row, 4)
                    ? std::nullopt
                    : std::make_optional(interactions::CouponHome{queued.text(row, 4), queued.text(row, 5)});
    tally.add(queued.text(row, 0), queued.text(row, 1), time_column(queued, row, 2), queued.int64(row, 3), home);
  }
  finish_fold(*db, tally, now);
  transaction.commit();
  return tally.result();
}

interactions::FoldResult PostgresInteractionRepository::fold_delivered(
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

std::pair<std::int64_t, std::chrono::seconds> PostgresInteractionRepository::backlog(SysSeconds now) {
  auto db = pool_.acquire();
  const Result rows = db->exec("SELECT coalesce(sum(count), 0)::bigint, min(at) FROM interaction_queue");
  const std::int64_t depth = rows.int64(0, 0);
  const auto oldest = optional_time_column(rows, 0, 1);
  return {depth, oldest ? std::max(std::chrono::seconds{0}, now - *oldest) : std::chrono::seconds{0}};
}

std::vector<interactions::DailyCounts> PostgresInteractionRepository::daily(std::string_view hotel_id, LocalDate from,
                                                                            LocalDate to) {
  auto db = pool_.acquire();
  const Result rows = db->exec("SELECT d.day, " + std::string(kSums) +
                                   " FROM coupon_daily d JOIN coupons c ON c.id = d.coupon_id "
                                   "WHERE c.hotel_id = $1 AND d.day BETWEEN $2::hc_day AND $3::hc_day "
                                   "GROUP BY d.day ORDER BY d.day",
                               hotel_id, to_iso_date(from), to_iso_date(to));
  std::vector<interactions::DailyCounts> days;
  for (int row = 0; row < rows.rows(); ++row) days.push_back({date_column(rows, row, 0), read_counts(rows, row, 1)});
  return days;
}

std::vector<interactions::CouponDayCounts> PostgresInteractionRepository::per_coupon_day(std::string_view hotel_id,
                                                                                         LocalDate from, LocalDate to) {
  auto db = pool_.acquire();
  const Result rows = db->exec(
      "SELECT d.coupon_id, d.day, d.views, d.clicks, d.shares, d.claims, d.uses "
      "FROM coupon_daily d JOIN coupons c ON c.id = d.coupon_id "
      "WHERE c.hotel_id = $1 AND d.day BETWEEN $2::hc_day AND $3::hc_day ORDER BY d.coupon_id DESC, d.day",
      hotel_id, to_iso_date(from), to_iso_date(to));
  std::vector<interactions::CouponDayCounts> found;
  for (int row = 0; row < rows.rows(); ++row) {
    found.push_back({rows.text(row, 0), date_column(rows, row, 1), read_counts(rows, row, 2)});
  }
  return found;
}

std::vector<interactions::CouponCounts> PostgresInteractionRepository::per_coupon(std::string_view hotel_id,
                                                                                  LocalDate from, LocalDate to) {
  auto db = pool_.acquire();
  const Result rows = db->exec("SELECT c.id, c.title, " + std::string(kSums) +
                                   " FROM coupons c LEFT JOIN coupon_daily d ON d.coupon_id = c.id "
                                   "AND d.day BETWEEN $2::hc_day AND $3::hc_day WHERE c.hotel_id = $1 "
                                   "GROUP BY c.id, c.title ORDER BY c.id DESC",
                               hotel_id, to_iso_date(from), to_iso_date(to));
  std::vector<interactions::CouponCounts> coupons;
  for (int row = 0; row < rows.rows(); ++row) {
    coupons.push_back({rows.text(row, 0), rows.text(row, 1), read_counts(rows, row, 2)});
  }
  return coupons;
}

}  // namespace hc::postgres
