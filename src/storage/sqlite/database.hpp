#pragma once
// Every repository on one SQLite file, sharing one pool of connections.
#include "storage/database.hpp"
#include "storage/sqlite/account_repository.hpp"
#include "storage/sqlite/coupon_repository.hpp"
#include "storage/sqlite/hotel_repository.hpp"
#include "storage/sqlite/idempotency_store.hpp"
#include "storage/sqlite/interaction_repository.hpp"
#include "storage/sqlite/notification_repository.hpp"
#include "storage/sqlite/pool.hpp"
#include "storage/sqlite/redemption_repository.hpp"
#include "storage/sqlite/report_repository.hpp"
#include "storage/sqlite/subscription_repository.hpp"

namespace hc::sqlite {

class SqliteDatabase final : public storage::Database {
 public:
  //! Opens `connections` connections to the file now (see ConnectionPool).
  SqliteDatabase(const ConnectionOptions& options, std::size_t connections);

  [[nodiscard]] std::string_view engine() const noexcept override { return "sqlite"; }
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
  SqliteAccountRepository accounts_{pool_};
  SqliteHotelRepository hotels_{pool_};
  SqliteCouponRepository coupons_{pool_};
  SqliteRedemptionRepository redemptions_{pool_};
  SqliteSubscriptionRepository subscriptions_{pool_};
  SqliteNotificationRepository notifications_{pool_};
  SqliteInteractionRepository interactions_{pool_};
  SqliteReportRepository reports_{pool_};
  SqliteIdempotencyStore idempotency_{pool_};
};

}  // namespace hc::sqlite
