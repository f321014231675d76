#include "storage/sqlite/coupon_repository.hpp"

#include "coupons/rules.hpp"
#include "storage/sqlite/error.hpp"
#include "storage/sqlite/notification_repository.hpp"
#include "storage/sqlite/rows.hpp"

#include <array>
#include <cassert>
#include <unordered_map>

namespace hc::sqlite {
namespace {

using coupons::Coupon;
using coupons::SearchQuery;
using coupons::SearchSort;

// The conditions of the filters a query sets (parameters ?1..?7, see bind_filters), and only those, so that the
// planner sees each one for what it is: a hotel's coupons come by coupons_by_hotel, say. `valid_now` is the
// condition on ?1 (now), written by the caller because whether an index should serve it depends on the order.
std::string filters_sql(const SearchQuery& q, std::string_view valid_now) {
  std::string sql = "c.status = 'active' AND " + std::string(valid_now);
  if (q.hotel_id) sql += " AND c.hotel_id = ?2";
  if (q.hotel_name) sql += " AND h.name LIKE '%' || ?3 || '%' ESCAPE '\\'";
  if (q.city) sql += " AND hc_fold(h.city) = hc_fold(?4)";
  if (q.min_discount) sql += " AND c.discount_percent >= ?5";
  if (q.max_discount) sql += " AND c.discount_percent <= ?6";
  if (q.valid_on) sql += " AND c.valid_from_date <= ?7 AND c.valid_until_date >= ?7";
  return sql;
}

// The newest full-text matches that pass the filters (?10 is the FTS5 expression), of which a search considers no
// more, each with its coupon's id, the keys of the keyset orders, and its bm25 score (a title match weighs most,
// then the hotel's name). CROSS JOIN keeps the full-text index the outer loop, read newest first, so the search
// stops at the limit instead of visiting every active coupon.
std::string candidates_sql(const SearchQuery& q) {
  const bool hotel_filter = q.hotel_name || q.city;
  return "SELECT c.id AS id, c.discount_percent AS discount_percent, c.valid_until AS valid_until, "
         "bm25(coupon_search, 10.0, 1.0, 5.0) AS score "
         "FROM coupon_search CROSS JOIN coupons c ON c.seq = coupon_search.rowid " +
         std::string(hotel_filter ? "CROSS JOIN hotels h ON h.id = c.hotel_id " : "") +
         "WHERE coupon_search MATCH ?10 AND " + filters_sql(q, "c.valid_until >= ?1") +
         " ORDER BY coupon_search.rowid DESC LIMIT " + std::to_string(coupons::kMaxSearchCandidates);
}

// Keyset conditions (?8 the last key, ?9 the last id) and orders of the keyset sorts, in SearchSort's order after
// relevance (best first: the lowest bm25).
struct SortSql {
  std::string_view after;
  std::string_view order;
};
constexpr std::array<SortSql, 3> kKeysetSorts{{
    {" AND (?9 IS NULL OR c.discount_percent < CAST(?8 AS INTEGER) OR "
     "(c.discount_percent = CAST(?8 AS INTEGER) AND c.id < ?9))",
     " ORDER BY c.discount_percent DESC, c.id DESC"},
    {" AND (?9 IS NULL OR c.id < ?9)", " ORDER BY c.id DESC"},
    {" AND (?9 IS NULL OR c.valid_until > ?8 OR (c.valid_until = ?8 AND c.id > ?9))",
     " ORDER BY c.valid_until ASC, c.id ASC"},
}};
static_assert(static_cast<int>(SearchSort::relevance) == 0 && static_cast<int>(SearchSort::ending_soon) == 3);
constexpr std::string_view kRelevanceOrder = " ORDER BY c.score, c.id DESC";

std::string_view order_of(SearchSort sort) {
  return sort == SearchSort::relevance ? kRelevanceOrder : kKeysetSorts.at(static_cast<std::size_t>(sort) - 1).order;
}

std::optional<std::string> date_text(const std::optional<LocalDate>& day) {
  if (!day) return std::nullopt;
  return to_iso_date(*day);
}

// LIKE treats % and _ as wildcards: a hotel name filter means the characters themselves.
std::optional<std::string> like_literal(const std::optional<std::string>& text) {
  if (!text) return std::nullopt;
  std::string escaped;
  for (char c : *text) {
    if (c == '%' || c == '_' || c == '\\') escaped += '\\';
    escaped += c;
  }
  return escaped;
}

void bind_filters(Statement& statement, const SearchQuery& q) {
  const auto as_int = [](const std::optional<int>& v) -> std::optional<std::int64_t> {
    if (!v) return std::nullopt;
    return std::int64_t{*v};
  };
  statement.bind_all(to_rfc3339(q.now), q.hotel_id, like_literal(q.hotel_name), q.city, as_int(q.min_discount),
                     as_int(q.max_discount), date_text(q.valid_on));
}

std::vector<Coupon> read_all(Statement& statement) {
  std::vector<Coupon> coupons;
  while (statement.step()) coupons.push_back(read_coupon(statement));
  return coupons;
}

std::optional<Coupon> find_coupon(Connection& db, std::string_view coupon_id) {
  Statement& query = db.prepare("SELECT " + std::string(kCouponColumns) +
                                " FROM coupons c JOIN hotels h ON h.id = c.hotel_id WHERE c.id = ?");
  query.bind(1, coupon_id);
  if (!query.step()) return std::nullopt;
  Coupon coupon = read_coupon(query);
  query.reset();
  return coupon;
}

// A page in a keyset order of every coupon the filters let through (a search without words).
std::string search_sql(const SearchQuery& q) {
  assert(q.sort != SearchSort::relevance && q.terms.empty());
  const SortSql& parts = kKeysetSorts.at(static_cast<std::size_t>(q.sort) - 1);
  // Ending soonest reads its own index from now on; the other orders read theirs and pass over the coupons whose
  // end has gone by ('+' keeps the planner from taking the end's index for them, and sorting every active coupon).
  const std::string_view valid_now = q.sort == SearchSort::ending_soon ? "c.valid_until >= ?1" : "+c.valid_until >= ?1";
  return "SELECT " + std::string(kCouponColumns) + " FROM coupons c JOIN hotels h ON h.id = c.hotel_id WHERE " +
         filters_sql(q, valid_now) + std::string(parts.after) + std::string(parts.order) + " LIMIT ?11";
}

}  // namespace

std::optional<coupons::HotelRef> SqliteCouponRepository::hotel_of_owner(std::string_view owner_user_id) {
  auto db = pool_.acquire();
  Statement& query = db->prepare("SELECT id, name, city, timezone FROM hotels WHERE owner_id = ?");
  query.bind(1, owner_user_id);
  if (!query.step()) return std::nullopt;
  return coupons::HotelRef{query.text(0), query.text(1), query.text(2), query.text(3)};
}

void SqliteCouponRepository::insert(const Coupon& c, const std::vector<notifications::OutboxEvent>& events) {
  auto db = pool_.acquire();
  Transaction transaction(*db);
  db->prepare(R"sql(
      INSERT INTO coupons (id, hotel_id, title, description, terms, discount_percent, quantity, per_user_limit,
                           valid_from, valid_until, valid_from_date, valid_until_date, stay_from, stay_until,
                           status, image_key, created_at, updated_at)
      VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?))sql")
      .bind_all(c.id, c.hotel.id, c.title, c.description, c.terms, std::int64_t{c.discount_percent}, c.quantity,
                std::int64_t{c.per_user_limit}, to_rfc3339(c.valid_from), to_rfc3339(c.valid_until),
                to_iso_date(c.valid_from_date), to_iso_date(c.valid_until_date), date_text(c.stay_from),
                date_text(c.stay_until), coupons::to_string(c.status), c.image_key, to_rfc3339(c.created_at),
                to_rfc3339(c.updated_at))
      .run();
  for (const auto& event : events) append_outbox(*db, event, c.created_at);
  transaction.commit();
}

std::optional<Coupon> SqliteCouponRepository::find(std::string_view coupon_id) {
  auto db = pool_.acquire();
  return find_coupon(*db, coupon_id);
}

Result<Coupon, hc::Error> SqliteCouponRepository::modify(std::string_view coupon_id, const Change& change) {
  auto db = pool_.acquire();
  // IMMEDIATE: the read below and the write are one step; a concurrent edit waits and then sees this one.
  Transaction transaction(*db);
  auto coupon = find_coupon(*db, coupon_id);
  if (!coupon) return Failure{make_error(Errc::not_found)};
  auto events = change(*coupon);
  if (!events) return Failure{events.error()};
  const Coupon& c = *coupon;
  try {
    db->prepare(R"sql(
        UPDATE coupons SET title = ?, description = ?, terms = ?, discount_percent = ?, quantity = ?,
               per_user_limit = ?, valid_from = ?, valid_until = ?, valid_from_date = ?, valid_until_date = ?,
               stay_from = ?, stay_until = ?, status = ?, updated_at = ?
        WHERE id = ?)sql")
        .bind_all(c.title, c.description, c.terms, std::int64_t{c.discount_percent}, c.quantity,
                  std::int64_t{c.per_user_limit}, to_rfc3339(c.valid_from), to_rfc3339(c.valid_until),
                  to_iso_date(c.valid_from_date), to_iso_date(c.valid_until_date), date_text(c.stay_from),
                  date_text(c.stay_until), coupons::to_string(c.status), to_rfc3339(c.updated_at), c.id)
        .run();
  } catch (const Error& e) {
    // The table's CHECK keeps quantity at or above what was claimed.
    if (e.is_constraint_violation()) return Failure{make_error(Errc::quantity_below_redeemed)};
    throw;
  }
  for (const auto& event : *events) append_outbox(*db, event, c.updated_at);
  transaction.commit();
  // The row now holds exactly the edited coupon: the columns left out of the UPDATE are ones `change` does not
  // touch, and the triggers on coupons write only the search index.
  return std::move(*coupon);
}

std::string SqliteCouponRepository::set_image(std::string_view coupon_id, std::string_view image_key, SysSeconds now) {
  auto db = pool_.acquire();
  Transaction transaction(*db);
  // The new key changes the image's URL; updated_at tells clients the coupon changed.
  db->prepare("UPDATE coupons SET updated_at = ? WHERE id = ?").bind_all(to_rfc3339(now), coupon_id).run();
  std::string previous = replace_key(*db, "coupons", "image_key", coupon_id, image_key);
  transaction.commit();
  return previous;
}

std::vector<coupons::CouponWithStats> SqliteCouponRepository::list_for_hotel(
    std::string_view hotel_id, const std::optional<std::string>& visible_status, SysSeconds now,
    const std::optional<std::string>& after_id, std::size_t limit) {
  auto db = pool_.acquire();
  // "expired" is derived: active or paused past valid_until; active and paused mean not yet expired.
  Statement& query = db->prepare("SELECT " + std::string(kCouponColumns) + R"sql(,
        (SELECT count(*) FROM redemptions r WHERE r.coupon_id = c.id AND r.status <> 'cancelled'),
        (SELECT count(*) FROM redemptions r WHERE r.coupon_id = c.id AND r.status = 'used'),
        (SELECT coalesce(sum(d.views), 0) FROM coupon_daily d WHERE d.coupon_id = c.id)
      FROM coupons c JOIN hotels h ON h.id = c.hotel_id
      WHERE c.hotel_id = ?1 AND (?3 IS NULL OR c.id < ?3)
        AND (?2 IS NULL
             OR (?2 = 'expired' AND c.status IN ('active', 'paused') AND c.valid_until < ?4)
             OR (?2 IN ('active', 'paused') AND c.status = ?2 AND c.valid_until >= ?4)
             OR (?2 IN ('draft', 'archived') AND c.status = ?2))
      ORDER BY c.id DESC LIMIT ?5)sql");
  query.bind_all(hotel_id, visible_status, after_id, to_rfc3339(now), static_cast<std::int64_t>(limit));
  std::vector<coupons::CouponWithStats> result;
  // Claims and uses come from the redemptions themselves; views from the folded interaction counters.
  while (query.step()) {
    const coupons::CouponStats stats{query.int64(kCouponColumnCount + 2), query.int64(kCouponColumnCount),
                                     query.int64(kCouponColumnCount + 1)};
    result.push_back({read_coupon(query), stats});
  }
  return result;
}

std::vector<Coupon> SqliteCouponRepository::all_for_hotel(std::string_view hotel_id) {
  auto db = pool_.acquire();
  Statement& query = db->prepare("SELECT " + std::string(kCouponColumns) +
                                 " FROM coupons c JOIN hotels h ON h.id = c.hotel_id WHERE c.hotel_id = ? "
                                 "ORDER BY c.id DESC");
  query.bind(1, hotel_id);
  return read_all(query);
}

std::vector<Coupon> SqliteCouponRepository::search(const SearchQuery& q) {
  auto db = pool_.acquire();
  Statement& statement = db->prepare(search_sql(q));
  bind_filters(statement, q);
  statement.bind(8, q.after ? std::optional<std::string>(q.after->key) : std::nullopt);
  statement.bind(9, q.after ? std::optional<std::string>(q.after->id) : std::nullopt);
  statement.bind(11, static_cast<std::int64_t>(q.limit));
  return read_all(statement);
}

std::vector<std::string> SqliteCouponRepository::rank(const SearchQuery& q, std::size_t limit) {
  auto db = pool_.acquire();
  Statement& statement =
      db->prepare("SELECT c.id FROM (" + candidates_sql(q) + ") c" + std::string(order_of(q.sort)) + " LIMIT ?11");
  bind_filters(statement, q);
  statement.bind(10, coupons::fts_expression(q.terms));
  statement.bind(11, static_cast<std::int64_t>(limit));
  std::vector<std::string> ids;
  while (statement.step()) ids.push_back(statement.text(0));
  return ids;
}

std::vector<Coupon> SqliteCouponRepository::find_active(const std::vector<std::string>& ids, SysSeconds now) {
  if (ids.empty()) return {};
  // One statement for the page (?1 now, then one parameter per id), put back in the order asked; a page has a
  // bounded number of ids, so the statement cache keeps a few shapes. The '+'s keep the planner on the ids' index:
  // given the choice, it would rather walk every active coupon by its end date.
  std::string sql = "SELECT " + std::string(kCouponColumns) +
                    " FROM coupons c JOIN hotels h ON h.id = c.hotel_id "
                    "WHERE +c.status = 'active' AND +c.valid_until >= ?1 AND c.id IN (?2";
  for (std::size_t i = 1; i < ids.size(); ++i) sql += ", ?" + std::to_string(i + 2);
  sql += ")";
  auto db = pool_.acquire();
  Statement& query = db->prepare(sql);
  query.bind(1, to_rfc3339(now));
  for (std::size_t i = 0; i < ids.size(); ++i) query.bind(static_cast<int>(i + 2), ids[i]);
  std::unordered_map<std::string, Coupon> found;
  while (query.step()) {
    Coupon coupon = read_coupon(query);
    std::string id = coupon.id;
    found.emplace(std::move(id), std::move(coupon));
  }
  std::vector<Coupon> coupons;
  for (const std::string& id : ids) {
    if (auto it = found.find(id); it != found.end()) coupons.push_back(it->second);
  }
  return coupons;
}

}  // namespace hc::sqlite
