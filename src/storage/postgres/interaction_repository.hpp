#pragma once
// The interaction queue and the daily counters on PostgreSQL, where several worker processes may fold at once:
// each takes its own batch of queued events, skipping those another holds.
#include "interactions/repository.hpp"
#include "storage/postgres/pool.hpp"

namespace hc::postgres {

class PostgresInteractionRepository final : public interactions::InteractionRepository {
 public:
  explicit PostgresInteractionRepository(ConnectionPool& pool) : pool_(pool) {}

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

}  // namespace hc::postgres
