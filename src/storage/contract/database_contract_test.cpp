// The storage contract suite's own footing: both engines migrate to the same version, answer the readiness probe,
// and take the rows the other contract tests add under the repositories.
#include <gtest/gtest.h>

#include "storage_contract.hpp"

namespace hc::test {
namespace {

class DatabaseStorage : public StorageContract {};

TEST_P(DatabaseStorage, MigratesOnceToTheSameVersionOnBothEngines) {
  EXPECT_EQ(db().schema_version(), 9);
  EXPECT_EQ(db().migrate(), 0) << "a second migration run applies nothing";
  EXPECT_NO_THROW(db().check());
}

TEST_P(DatabaseStorage, TakesTheRowsTheOtherContractTestsAdd) {
  const HotelierRow owner = add_hotelier("owner-1", "hotel-1");
  add_traveller("traveller-1");
  add_coupon({.id = "coupon-1", .hotel_id = owner.hotel_id, .title = "It's a deal", .quantity = 5});
  EXPECT_EQ(query_int("SELECT count(*) FROM users"), 2);
  EXPECT_EQ(query_int("SELECT quantity FROM coupons WHERE id = 'coupon-1'"), 5);
}

HC_STORAGE_CONTRACT(DatabaseStorage);

}  // namespace
}  // namespace hc::test
