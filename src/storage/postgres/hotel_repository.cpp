#include "storage/postgres/hotel_repository.hpp"

#include "storage/postgres/rows.hpp"
#include "storage/postgres/search_words.hpp"

namespace hc::postgres {
namespace {

constexpr std::string_view kColumns =
    "h.id, h.owner_id, h.name, h.city, h.country, h.timezone, h.description, h.logo_key, h.created_at";

hotels::Hotel read_hotel(const Result& rows) {
  const auto text = [&](int column) { return rows.text(0, column); };
  return hotels::Hotel{text(0), text(1), text(2), text(3), text(4), text(5), text(6), text(7), time_column(rows, 0, 8)};
}

}  // namespace

std::optional<hotels::HotelProfile> PostgresHotelRepository::find_profile(std::string_view hotel_id, SysSeconds now) {
  auto db = pool_.acquire();
  const auto rows = db->exec("SELECT " + std::string(kColumns) + R"sql(,
      (SELECT count(*) FROM coupons c WHERE c.hotel_id = h.id AND c.status = 'active' AND c.valid_until >= $2),
      (SELECT count(*) FROM subscriptions s WHERE s.hotel_id = h.id AND s.state = 'following')
      FROM hotels h WHERE h.id = $1)sql",
                             hotel_id, to_rfc3339(now));
  if (rows.rows() == 0) return std::nullopt;
  return hotels::HotelProfile{read_hotel(rows), rows.int64(0, 9), rows.int64(0, 10)};
}

std::optional<hotels::Hotel> PostgresHotelRepository::find_by_owner(std::string_view owner_user_id) {
  auto db = pool_.acquire();
  const auto rows = db->exec("SELECT " + std::string(kColumns) + " FROM hotels h WHERE h.owner_id = $1", owner_user_id);
  if (rows.rows() == 0) return std::nullopt;
  return read_hotel(rows);
}

void PostgresHotelRepository::update(const hotels::Hotel& hotel) {
  auto db = pool_.acquire();
  Transaction transaction(*db);
  // The row lock orders concurrent renames, so the coupons end with the words of the name that was saved last. NO KEY
  // UPDATE (what an UPDATE that keeps the id takes): a claim holding a coupon's row checks its redemption's key
  // against this hotel with KEY SHARE, which FOR UPDATE would block while this waits for that coupon: a deadlock.
  const auto previous = db->exec("SELECT name FROM hotels WHERE id = $1 FOR NO KEY UPDATE", hotel.id);
  if (previous.rows() == 0) return;
  db->exec("UPDATE hotels SET name = $1, city = $2, country = $3, timezone = $4, description = $5 WHERE id = $6",
           hotel.name, hotel.city, hotel.country, hotel.timezone, hotel.description, hotel.id);
  // What SQLite's hotels_search_rename trigger does: the coupons' hotel-name words follow the new name.
  if (previous.text(0, 0) != hotel.name) {
    // In id order, as a batch of claims locks them: two such transactions queue rather than deadlock.
    db->exec("SELECT id FROM coupons WHERE hotel_id = $1 ORDER BY id FOR NO KEY UPDATE", hotel.id);
    db->exec(
        "UPDATE coupons SET search_document = coupon_search_rename_hotel(search_document, $1) "
        "WHERE hotel_id = $2",
        search_words(hotel.name), hotel.id);
  }
  transaction.commit();
}

std::string PostgresHotelRepository::set_logo(std::string_view hotel_id, std::string_view logo_key) {
  auto db = pool_.acquire();
  Transaction transaction(*db);
  // Locked, so that of two concurrent replacements each returns the key the other replaced (none is lost).
  const auto previous = db->exec("SELECT logo_key FROM hotels WHERE id = $1 FOR NO KEY UPDATE", hotel_id);
  if (previous.rows() == 0) return {};
  db->exec("UPDATE hotels SET logo_key = $1 WHERE id = $2", logo_key, hotel_id);
  transaction.commit();
  return previous.text(0, 0);
}

}  // namespace hc::postgres
