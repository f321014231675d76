#include "storage/sqlite/hotel_repository.hpp"

#include "storage/sqlite/rows.hpp"

namespace hc::sqlite {
namespace {

constexpr std::string_view kColumns =
    "h.id, h.owner_id, h.name, h.city, h.country, h.timezone, h.description, h.logo_key, h.created_at";

hotels::Hotel read_hotel(Statement& row) {
  return hotels::Hotel{row.text(0), row.text(1), row.text(2), row.text(3), row.text(4), row.text(5), row.text(6),
                       row.text(7), time_column(row, 8)};
}

}  // namespace

std::optional<hotels::HotelProfile> SqliteHotelRepository::find_profile(std::string_view hotel_id, SysSeconds now) {
  auto db = pool_.acquire();
  Statement& query = db->prepare("SELECT " + std::string(kColumns) + R"sql(,
      (SELECT count(*) FROM coupons c WHERE c.hotel_id = h.id AND c.status = 'active' AND c.valid_until >= ?2),
      (SELECT count(*) FROM subscriptions s WHERE s.hotel_id = h.id AND s.state = 'following')
      FROM hotels h WHERE h.id = ?1)sql");
  query.bind_all(hotel_id, to_rfc3339(now));
  if (!query.step()) return std::nullopt;
  return hotels::HotelProfile{read_hotel(query), query.int64(9), query.int64(10)};
}

std::optional<hotels::Hotel> SqliteHotelRepository::find_by_owner(std::string_view owner_user_id) {
  auto db = pool_.acquire();
  Statement& query = db->prepare("SELECT " + std::string(kColumns) + " FROM hotels h WHERE h.owner_id = ?");
  query.bind(1, owner_user_id);
  if (!query.step()) return std::nullopt;
  return read_hotel(query);
}

void SqliteHotelRepository::update(const hotels::Hotel& hotel) {
  auto db = pool_.acquire();
  db->prepare("UPDATE hotels SET name = ?, city = ?, country = ?, timezone = ?, description = ? WHERE id = ?")
      .bind_all(hotel.name, hotel.city, hotel.country, hotel.timezone, hotel.description, hotel.id)
      .run();
}

std::string SqliteHotelRepository::set_logo(std::string_view hotel_id, std::string_view logo_key) {
  auto db = pool_.acquire();
  Transaction transaction(*db);
  std::string previous = replace_key(*db, "hotels", "logo_key", hotel_id, logo_key);
  transaction.commit();
  return previous;
}

}  // namespace hc::sqlite
