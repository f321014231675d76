#include "storage/postgres/coupon_repository.hpp"

#include "coupons/rules.hpp"
#include "storage/postgres/error.hpp"
#include "storage/postgres/events.hpp"
#include "storage/postgres/rows.hpp"
#include "storage/postgres/search_words.hpp"

namespace hc::postgres {
namespace {

using coupons::Coupon;

const std::string kSelectCoupon =
    "SELECT " + std::string(kCouponColumns) + " FROM coupons c JOIN hotels h ON h.id = c.hotel_id";

}  // namespace

std::vector<Coupon> read_coupons(const Result& rows) {
  std::vector<Coupon> coupons;
  for (int row = 0; row < rows.rows(); ++row) coupons.push_back(read_coupon(rows, row));
  return coupons;
}

std::optional<coupons::HotelRef> PostgresCouponRepository::hotel_of_owner(std::string_view owner_user_id) {
  auto db = pool_.acquire();
  const Result rows = db->exec("SELECT id, name, city, timezone FROM hotels WHERE owner_id = $1", owner_user_id);
  if (rows.rows() == 0) return std::nullopt;
  return coupons::HotelRef{rows.text(0, 0), rows.text(0, 1), rows.text(0, 2), rows.text(0, 3)};
}

void PostgresCouponRepository::insert(const Coupon& c, const std::vector<notifications::OutboxEvent>& events) {
  auto db = pool_.acquire();
  Transaction transaction(*db);
  // The document's words are folded and split here (search_words), so that they are the words FTS5 would index.
  // FOR SHARE: a rename of the hotel (which updates the hotel and then its coupons' documents) waits for this
  // coupon, or this reads the new name; either way the document holds the name the hotel ends with.
  const Result hotel = db->exec("SELECT name FROM hotels WHERE id = $1 FOR SHARE", c.hotel.id);
  const std::string hotel_name = hotel.rows() > 0 ? hotel.text(0, 0) : c.hotel.name;
  db->exec(R"sql(
      INSERT INTO coupons (id, hotel_id, title, description, terms, discount_percent, quantity, per_user_limit,
                           valid_from, valid_until, valid_from_date, valid_until_date, stay_from, stay_until,
                           status, image_key, created_at, updated_at, search_document)
      VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, $15, $16, $17, $18,
              coupon_search_document($19, $20, $21)))sql",
           c.id, c.hotel.id, c.title, c.description, c.terms, c.discount_percent, c.quantity, c.per_user_limit,
           to_rfc3339(c.valid_from), to_rfc3339(c.valid_until), to_iso_date(c.valid_from_date),
           to_iso_date(c.valid_until_date), date_param(c.stay_from), date_param(c.stay_until),
           coupons::to_string(c.status), c.image_key, to_rfc3339(c.created_at), to_rfc3339(c.updated_at),
           search_words(c.title), search_words(hotel_name), search_words(c.description));
  for (const auto& event : events) append_outbox(*db, event, c.created_at);
  transaction.commit();
}

std::optional<Coupon> PostgresCouponRepository::find(std::string_view coupon_id) {
  auto db = pool_.acquire();
  const Result rows = db->exec(kSelectCoupon + " WHERE c.id = $1", coupon_id);
  if (rows.rows() == 0) return std::nullopt;
  return read_coupon(rows, 0);
}

hc::Result<Coupon, hc::Error> PostgresCouponRepository::modify(std::string_view coupon_id, const Change& change) {
  auto db = pool_.acquire();
  Transaction transaction(*db);
  // The row lock makes concurrent edits of one coupon apply one after the other, each reading the previous one's
  // result. NO KEY UPDATE, the lock an UPDATE takes, still lets claims insert redemptions that refer to it.
  const Result rows = db->exec(kSelectCoupon + " WHERE c.id = $1 FOR NO KEY UPDATE OF c", coupon_id);
  if (rows.rows() == 0) return Failure{make_error(Errc::not_found)};
  Coupon coupon = read_coupon(rows, 0);
  auto events = change(coupon);
  if (!events) return Failure{events.error()};
  // Read after the lock, in a statement of its own, so that a rename committed while this waited is seen; a rename
  // still in flight updates this coupon's document after this commits.
  const Result hotel = db->exec("SELECT name FROM hotels WHERE id = $1", coupon.hotel.id);
  const std::string hotel_name = hotel.rows() > 0 ? hotel.text(0, 0) : coupon.hotel.name;
  const Coupon& c = coupon;
  try {
    db->exec(R"sql(
        UPDATE coupons SET title = $1, description = $2, terms = $3, discount_percent = $4, quantity = $5,
               per_user_limit = $6, valid_from = $7, valid_until = $8, valid_from_date = $9, valid_until_date = $10,
               stay_from = $11, stay_until = $12, status = $13, updated_at = $14,
               search_document = coupon_search_document($16, $17, $18)
        WHERE id = $15)sql",
             c.title, c.description, c.terms, c.discount_percent, c.quantity, c.per_user_limit,
             to_rfc3339(c.valid_from), to_rfc3339(c.valid_until), to_iso_date(c.valid_from_date),
             to_iso_date(c.valid_until_date), date_param(c.stay_from), date_param(c.stay_until),
             coupons::to_string(c.status), to_rfc3339(c.updated_at), c.id, search_words(c.title),
             search_words(hotel_name), search_words(c.description));
  } catch (const Error& e) {
    // The table's CHECKs keep quantity at or above what was claimed (SQLite maps every constraint the same way).
    // The failed statement ended the transaction, which the destructor rolls back.
    if (e.kind() == ErrorKind::constraint_violation) return Failure{make_error(Errc::quantity_below_redeemed)};
    throw;
  }
  for (const auto& event : *events) append_outbox(*db, event, c.updated_at);
  transaction.commit();
  return coupon;
}

std::string PostgresCouponRepository::set_image(std::string_view coupon_id, std::string_view image_key,
                                                SysSeconds now) {
  auto db = pool_.acquire();
  Transaction transaction(*db);
  // Locked so that of two concurrent replacements the second returns the first's key, which is then deleted. The
  // search document stays: no searched text changes.
  const Result previous = db->exec("SELECT image_key FROM coupons WHERE id = $1 FOR NO KEY UPDATE", coupon_id);
  // The new key changes the image's URL; updated_at tells clients the coupon changed.
  db->exec("UPDATE coupons SET image_key = $1, updated_at = $2 WHERE id = $3", image_key, to_rfc3339(now),
           coupon_id);
  transaction.commit();
  return previous.rows() > 0 ? previous.text(0, 0) : std::string{};
}

std::vector<coupons::CouponWithStats> PostgresCouponRepository::list_for_hotel(
    std::string_view hotel_id, const std::optional<std::string>& visible_status, SysSeconds now,
    const std::optional<std::string>& after_id, std::size_t limit) {
  auto db = pool_.acquire();
  // "expired" is derived: active or paused past valid_until; active and paused mean not yet expired.
  const Result rows = db->exec("SELECT " + std::string(kCouponColumns) + R"sql(,
        (SELECT count(*) FROM redemptions r WHERE r.coupon_id = c.id AND r.status <> 'cancelled'),
        (SELECT count(*) FROM redemptions r WHERE r.coupon_id = c.id AND r.status = 'used'),
        (SELECT coalesce(sum(d.views), 0) FROM coupon_daily d WHERE d.coupon_id = c.id)
      FROM coupons c JOIN hotels h ON h.id = c.hotel_id
      WHERE c.hotel_id = $1 AND ($3::text IS NULL OR c.id < $3)
        AND ($2::text IS NULL
             OR ($2 = 'expired' AND c.status IN ('active', 'paused') AND c.valid_until < $4)
             OR ($2 IN ('active', 'paused') AND c.status = $2 AND c.valid_until >= $4)
             OR ($2 IN ('draft', 'archived') AND c.status = $2))
      ORDER BY c.id DESC LIMIT $5)sql",
                               hotel_id, visible_status, after_id, to_rfc3339(now), static_cast<std::int64_t>(limit));
  std::vector<coupons::CouponWithStats> result;
  // Claims and uses come from the redemptions themselves; views from the folded interaction counters.
  for (int row = 0; row < rows.rows(); ++row) {
    const coupons::CouponStats stats{rows.int64(row, kCouponColumnCount + 2), rows.int64(row, kCouponColumnCount),
                                     rows.int64(row, kCouponColumnCount + 1)};
    result.push_back({read_coupon(rows, row), stats});
  }
  return result;
}

std::vector<Coupon> PostgresCouponRepository::all_for_hotel(std::string_view hotel_id) {
  auto db = pool_.acquire();
  return read_coupons(db->exec(kSelectCoupon + " WHERE c.hotel_id = $1 ORDER BY c.id DESC", hotel_id));
}

std::vector<Coupon> PostgresCouponRepository::find_active(const std::vector<std::string>& ids, SysSeconds now) {
  auto db = pool_.acquire();
  // One round trip, in the order given.
  const Result rows = db->exec(
      kSelectCoupon + " JOIN unnest($1::text[]) WITH ORDINALITY AS wanted(id, place) ON wanted.id = c.id "
                      "WHERE c.status = 'active' AND c.valid_until >= $2 ORDER BY wanted.place",
      text_array(ids), to_rfc3339(now));
  return read_coupons(rows);
}

}  // namespace hc::postgres
