#pragma once
// The database behind every repository: SQLite, embedded in the process (the default), or PostgreSQL, shared by
// several nodes. The application chooses one by HC_DATABASE_URL and sees only the repository interfaces.
#include "auth/repository.hpp"
#include "coupons/repository.hpp"
#include "hotels/repository.hpp"
#include "interactions/repository.hpp"
#include "net/idempotency.hpp"
#include "notifications/repository.hpp"
#include "redemptions/repository.hpp"
#include "reports/repository.hpp"
#include "subscriptions/repository.hpp"

#include <string_view>

namespace hc::storage {

class Database {
 public:
  Database() = default;
  Database(const Database&) = delete;
  Database& operator=(const Database&) = delete;
  Database(Database&&) = delete;
  Database& operator=(Database&&) = delete;
  virtual ~Database() = default;

  //! "sqlite" or "postgresql", for the logs.
  [[nodiscard]] virtual std::string_view engine() const noexcept = 0;
  //! Applies the migrations this database lacks and returns how many; safe for several processes at once.
  virtual int migrate() = 0;
  //! The newest migration applied.
  virtual int schema_version() = 0;
  //! Runs a trivial statement on a pooled connection (the readiness probe); throws if the database cannot answer.
  virtual void check() = 0;

  //! Accounts, sessions and refresh tokens.
  virtual auth::AccountRepository& accounts() = 0;
  //! Hotel profiles and logos.
  virtual hotels::HotelRepository& hotels() = 0;
  //! Coupons and their search.
  virtual coupons::CouponRepository& coupons() = 0;
  //! Claims, codes and the front desk.
  virtual redemptions::RedemptionRepository& redemptions() = 0;
  //! Who follows which hotel.
  virtual subscriptions::SubscriptionRepository& subscriptions() = 0;
  //! The outbox and the inboxes.
  virtual notifications::NotificationRepository& notifications() = 0;
  //! The interaction queue and the daily counters.
  virtual interactions::InteractionRepository& interactions() = 0;
  //! Report jobs.
  virtual reports::ReportRepository& reports() = 0;
  //! First answers to requests with an Idempotency-Key.
  virtual net::IdempotencyStore& idempotency() = 0;
};

}  // namespace hc::storage
