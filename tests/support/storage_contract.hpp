#pragma once
// The storage contract suite's fixture: every test runs once on SQLite and once on PostgreSQL, each time on a
// fresh, migrated database, and sees only storage::Database (the repository interfaces). Rows the test needs
// under the repository it tests are added with plain SQL (add_traveller, add_hotelier, add_coupon), so that each
// repository's tests stand on their own.
//
//   class CouponStorage : public hc::test::StorageContract {};
//   TEST_P(CouponStorage, ...) { ... db().coupons() ... }
//   HC_STORAGE_CONTRACT(CouponStorage);
#include <gtest/gtest.h>

#include <cstdint>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

#include "storage/database.hpp"
#include "temp_dir.hpp"

namespace hc::test {

enum class Engine { sqlite, postgres };

//! "SQLite" or "PostgreSQL", the suffix of each test's name.
std::string engine_name(const ::testing::TestParamInfo<Engine>& info);

//! A coupon row to add; the defaults make an active coupon of an unlimited quantity, valid through 2030.
struct CouponRow {
  std::string id;
  std::string hotel_id;
  std::string title = "Winter escape";
  std::string description = "Two nights by the sea";
  std::string status = "active";
  int discount_percent = 20;
  std::optional<std::int64_t> quantity;
  std::int64_t redeemed_count = 0;
  int per_user_limit = 1;
  std::string valid_from = "2026-01-01T00:00:00Z";
  std::string valid_until = "2030-12-31T23:59:59Z";
  std::string created_at = "2026-01-01T00:00:00Z";
};

//! A hotelier's account and hotel.
struct HotelierRow {
  std::string user_id;
  std::string hotel_id;
};

class StorageContract : public ::testing::TestWithParam<Engine> {
 protected:
  void SetUp() override;
  void TearDown() override;

  //! The database of this run.
  storage::Database& db() { return *db_; }
  //! Which engine this run is on.
  [[nodiscard]] Engine engine() const { return GetParam(); }

  //! Runs SQL text without parameters on the database (the same text must suit both engines).
  void exec(std::string_view sql);
  //! Reads the first column of the first row of a query as an integer (e.g. a count), on either engine.
  std::int64_t query_int(std::string_view sql);
  //! `text` as an SQL string literal.
  static std::string quote(std::string_view text);

  //! Adds a traveller ("user" role) named after the id, with e-mail <id>@example.com.
  void add_traveller(std::string_view user_id);
  //! Adds a hotelier and their hotel, in Europe/Dublin, named "Hotel <hotel_id>" in Dublin.
  HotelierRow add_hotelier(std::string_view user_id, std::string_view hotel_id,
                           std::string_view timezone = "Europe/Dublin");
  //! Adds a coupon (its search words too, on either engine).
  void add_coupon(const CouponRow& coupon);

 private:
  TempDir dir_;
  std::unique_ptr<storage::Database> db_;
};

}  // namespace hc::test

//! Runs every TEST_P of `suite` on both engines.
#define HC_STORAGE_CONTRACT(suite)                                                                           \
  INSTANTIATE_TEST_SUITE_P(Engines, suite, ::testing::Values(::hc::test::Engine::sqlite,                    \
                                                             ::hc::test::Engine::postgres),                 \
                           ::hc::test::engine_name)
