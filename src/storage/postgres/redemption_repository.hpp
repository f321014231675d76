#pragma once
// Claims, the traveller's wallet and the front desk on PostgreSQL, where transactions run truly in parallel: a
// batch of claims locks its coupons' rows first, and each desk change is one conditional UPDATE; the racing
// callers queue behind those row locks.
#include "redemptions/repository.hpp"
#include "storage/postgres/pool.hpp"

namespace hc::postgres {

class PostgresRedemptionRepository final : public redemptions::RedemptionRepository {
 public:
  explicit PostgresRedemptionRepository(ConnectionPool& pool) : pool_(pool) {}

  std::vector<hc::Result<redemptions::Redemption, Errc>> claim_all(
      const std::vector<redemptions::ClaimRequest>& requests) override;
  std::optional<redemptions::Redemption> find(std::string_view redemption_id) override;
  std::vector<redemptions::Redemption> list_for_user(std::string_view user_id,
                                                     std::optional<redemptions::RedemptionStatus> status,
                                                     const std::optional<std::string>& after_id,
                                                     std::size_t limit) override;
  hc::Result<redemptions::Redemption, Errc> cancel(std::string_view redemption_id, std::string_view user_id,
                                                   SysSeconds now) override;
  std::optional<redemptions::Redemption> find_by_code(std::string_view code, std::string_view hotel_id) override;
  hc::Result<redemptions::Redemption, Errc> use(const redemptions::UseRequest& request,
                                                std::optional<redemptions::Redemption>& used) override;
  hc::Result<redemptions::Redemption, Errc> undo_use(std::string_view redemption_id,
                                                     const redemptions::UseRequest& request, std::string_view reason,
                                                     std::chrono::seconds window) override;
  std::vector<redemptions::DeskEvent> audit_log(std::string_view hotel_id, const std::optional<std::string>& after_id,
                                                std::size_t limit) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace hc::postgres
