#pragma once
#include "interactions/repository.hpp"
#include "storage/sqlite/pool.hpp"

namespace hc::sqlite {

//! Queues `count` identical interactions inside the caller's transaction; those the server records itself (a claim,
//! a use) are one each.
void queue_interaction(Connection& db, std::string_view coupon_id, std::string_view action, SysSeconds at,
                       std::int64_t count = 1);

class SqliteInteractionRepository final : public interactions::InteractionRepository {
 public:
  explicit SqliteInteractionRepository(ConnectionPool& pool) : pool_(pool) {}

  std::size_t enqueue(const std::vector<interactions::Interaction>& events, SysSeconds now) override;
  interactions::FoldResult fold(std::size_t batch, SysSeconds now) override;
  interactions::FoldResult fold_delivered(const std::vector<interactions::DeliveredInteraction>& delivered,
                                          SysSeconds now) override;
  std::pair<std::int64_t, std::chrono::seconds> backlog(SysSeconds now) override;
  std::vector<interactions::DailyCounts> daily(std::string_view hotel_id, LocalDate from, LocalDate to) override;
  std::vector<interactions::CouponDayCounts> per_coupon_day(std::string_view hotel_id, LocalDate from,
                                                            LocalDate to) override;
  std::vector<interactions::CouponCounts> per_coupon(std::string_view hotel_id, LocalDate from, LocalDate to) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace hc::sqlite
