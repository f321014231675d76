#include "storage/postgres/database.hpp"

#include "storage/postgres/account_repository.hpp"
#include "storage/postgres/coupon_repository.hpp"
#include "storage/postgres/hotel_repository.hpp"
#include "storage/postgres/idempotency_store.hpp"
#include "storage/postgres/migrate.hpp"
#include "storage/postgres/notification_repository.hpp"
#include "storage/postgres/schema.hpp"
#include "storage/postgres/subscription_repository.hpp"

namespace hc::postgres {

PostgresDatabase::PostgresDatabase(ConnectionOptions options, std::size_t connections)
    : pool_(std::move(options), connections) {
  // Each repository, as it is ported: accounts_ = std::make_unique<PostgresAccountRepository>(pool_);
  accounts_ = std::make_unique<PostgresAccountRepository>(pool_);
  hotels_ = std::make_unique<PostgresHotelRepository>(pool_);
  coupons_ = std::make_unique<PostgresCouponRepository>(pool_);
  subscriptions_ = std::make_unique<PostgresSubscriptionRepository>(pool_);
  notifications_ = std::make_unique<PostgresNotificationRepository>(pool_);
  idempotency_ = std::make_unique<PostgresIdempotencyStore>(pool_);
}

PostgresDatabase::~PostgresDatabase() = default;

int PostgresDatabase::migrate() {
  auto connection = pool_.acquire();
  return apply_migrations(*connection, schema_migrations());
}

int PostgresDatabase::schema_version() {
  auto connection = pool_.acquire();
  return current_schema_version(*connection);
}

void PostgresDatabase::check() {
  auto connection = pool_.acquire();
  connection->exec("SELECT 1");
}

}  // namespace hc::postgres
