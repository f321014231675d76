#pragma once
// The hotels module's storage on PostgreSQL.
#include "hotels/repository.hpp"
#include "storage/postgres/pool.hpp"

namespace hc::postgres {

class PostgresHotelRepository final : public hotels::HotelRepository {
 public:
  explicit PostgresHotelRepository(ConnectionPool& pool) : pool_(pool) {}

  std::optional<hotels::HotelProfile> find_profile(std::string_view hotel_id, SysSeconds now) override;
  std::optional<hotels::Hotel> find_by_owner(std::string_view owner_user_id) override;
  void update(const hotels::Hotel& hotel) override;
  std::string set_logo(std::string_view hotel_id, std::string_view logo_key) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace hc::postgres
