#pragma once
// The coupons module's storage on PostgreSQL. Search (coupon_search.cpp) matches the words of a tsvector that the
// repository writes itself (see schema.cpp's kCoupons and search_words.hpp), so that it finds what SQLite's FTS5
// finds.
#include "coupons/repository.hpp"
#include "storage/postgres/connection.hpp"
#include "storage/postgres/pool.hpp"

namespace hc::postgres {

//! Every row of a query selecting kCouponColumns first (for coupon_repository.cpp and coupon_search.cpp).
std::vector<coupons::Coupon> read_coupons(const Result& rows);

class PostgresCouponRepository final : public coupons::CouponRepository {
 public:
  explicit PostgresCouponRepository(ConnectionPool& pool) : pool_(pool) {}

  std::optional<coupons::HotelRef> hotel_of_owner(std::string_view owner_user_id) override;
  void insert(const coupons::Coupon& coupon, const std::vector<notifications::OutboxEvent>& events) override;
  std::optional<coupons::Coupon> find(std::string_view coupon_id) override;
  hc::Result<coupons::Coupon, hc::Error> modify(std::string_view coupon_id, const Change& change) override;
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

}  // namespace hc::postgres
