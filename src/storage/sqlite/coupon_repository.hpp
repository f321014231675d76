#pragma once
// The coupons module's storage on SQLite, with full-text search through FTS5.
#include "coupons/repository.hpp"
#include "storage/sqlite/pool.hpp"

namespace hc::sqlite {

class SqliteCouponRepository final : public coupons::CouponRepository {
 public:
  explicit SqliteCouponRepository(ConnectionPool& pool) : pool_(pool) {}

  std::optional<coupons::HotelRef> hotel_of_owner(std::string_view owner_user_id) override;
  void insert(const coupons::Coupon& coupon, const std::vector<notifications::OutboxEvent>& events) override;
  std::optional<coupons::Coupon> find(std::string_view coupon_id) override;
  Result<coupons::Coupon, hc::Error> modify(std::string_view coupon_id, const Change& change) override;
  std::string set_image(std::string_view coupon_id, std::string_view image_key, SysSeconds now) override;
  std::vector<coupons::CouponWithStats> list_for_hotel(std::string_view hotel_id,
                                                       const std::optional<std::string>& visible_status,
                                                       SysSeconds now, const std::optional<std::string>& after_id,
                                                       std::size_t limit) override;
  std::vector<coupons::Coupon> all_for_hotel(std::string_view hotel_id) override;
  std::vector<coupons::Coupon> search(const coupons::SearchQuery& query) override;
  std::vector<std::string> rank(const coupons::SearchQuery& query, std::size_t limit) override;
  std::vector<coupons::Coupon> find_active(const std::vector<std::string>& ids, SysSeconds now) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace hc::sqlite
