#pragma once
// Every repository on one PostgreSQL database, sharing one pool of connections. Several processes (serve nodes,
// workers) may use the same database at once.
#include "storage/database.hpp"
#include "storage/postgres/account_repository.hpp"
#include "storage/postgres/coupon_repository.hpp"
#include "storage/postgres/hotel_repository.hpp"
#include "storage/postgres/idempotency_store.hpp"
#include "storage/postgres/interaction_repository.hpp"
#include "storage/postgres/notification_repository.hpp"
#include "storage/postgres/pool.hpp"
#include "storage/postgres/redemption_repository.hpp"
#include "storage/postgres/report_repository.hpp"
#include "storage/postgres/subscription_repository.hpp"

namespace hc::postgres {

class PostgresDatabase final : public storage::Database {
 public:
  //! Opens `connections` connections now, so that a wrong URL or password fails at start-up; throws Error.
  PostgresDatabase(ConnectionOptions options, std::size_t connections);

  [[nodiscard]] std::string_view engine() const noexcept override { return "postgresql"; }
  int migrate() override;
  int schema_version() override;
  void check() override;

  auth::AccountRepository& accounts() override { return accounts_; }
  hotels::HotelRepository& hotels() override { return hotels_; }
  coupons::CouponRepository& coupons() override { return coupons_; }
  redemptions::RedemptionRepository& redemptions() override { return redemptions_; }
  subscriptions::SubscriptionRepository& subscriptions() override { return subscriptions_; }
  notifications::NotificationRepository& notifications() override { return notifications_; }
  interactions::InteractionRepository& interactions() override { return interactions_; }
  reports::ReportRepository& reports() override { return reports_; }
  net::IdempotencyStore& idempotency() override { return idempotency_; }

  //! The connections themselves, for tests that look under the repositories.
  ConnectionPool& pool() noexcept { return pool_; }

 private:
  ConnectionPool pool_;
  PostgresAccountRepository accounts_{pool_};
  PostgresHotelRepository hotels_{pool_};
  PostgresCouponRepository coupons_{pool_};
  PostgresRedemptionRepository redemptions_{pool_};
  PostgresSubscriptionRepository subscriptions_{pool_};
  PostgresNotificationRepository notifications_{pool_};
  PostgresInteractionRepository interactions_{pool_};
  PostgresReportRepository reports_{pool_};
  PostgresIdempotencyStore idempotency_{pool_};
};

}  // namespace hc::postgres
