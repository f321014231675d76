#pragma once
// Every repository on one PostgreSQL database, sharing one pool of connections. Several processes (serve nodes,
// workers) may use the same database at once.
#include "storage/database.hpp"
#include "storage/postgres/pool.hpp"

#include <memory>

namespace hc::postgres {

class PostgresDatabase final : public storage::Database {
 public:
  //! Opens `connections` connections now, so that a wrong URL or password fails at start-up; throws Error.
  PostgresDatabase(ConnectionOptions options, std::size_t connections);
  ~PostgresDatabase() override;

  [[nodiscard]] std::string_view engine() const noexcept override { return "postgresql"; }
  int migrate() override;
  int schema_version() override;
  void check() override;

  auth::AccountRepository& accounts() override { return ready(accounts_); }
  hotels::HotelRepository& hotels() override { return ready(hotels_); }
  coupons::CouponRepository& coupons() override { return ready(coupons_); }
  redemptions::RedemptionRepository& redemptions() override { return ready(redemptions_); }
  subscriptions::SubscriptionRepository& subscriptions() override { return ready(subscriptions_); }
  notifications::NotificationRepository& notifications() override { return ready(notifications_); }
  interactions::InteractionRepository& interactions() override { return ready(interactions_); }
  reports::ReportRepository& reports() override { return ready(reports_); }
  net::IdempotencyStore& idempotency() override { return ready(idempotency_); }

  //! The connections themselves, for tests that look under the repositories.
  ConnectionPool& pool() noexcept { return pool_; }

 private:
  template <class Repository>
  static Repository& ready(const std::unique_ptr<Repository>& repository) {
    if (!repository) throw std::logic_error("this repository is not available on PostgreSQL yet");
    return *repository;
  }

  ConnectionPool pool_;
  std::unique_ptr<auth::AccountRepository> accounts_;
  std::unique_ptr<hotels::HotelRepository> hotels_;
  std::unique_ptr<coupons::CouponRepository> coupons_;
  std::unique_ptr<redemptions::RedemptionRepository> redemptions_;
  std::unique_ptr<subscriptions::SubscriptionRepository> subscriptions_;
  std::unique_ptr<notifications::NotificationRepository> notifications_;
  std::unique_ptr<interactions::InteractionRepository> interactions_;
  std::unique_ptr<reports::ReportRepository> reports_;
  std::unique_ptr<net::IdempotencyStore> idempotency_;
};

}  // namespace hc::postgres
