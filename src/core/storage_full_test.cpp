#include "core/storage_full.hpp"

#include <gtest/gtest.h>

#include <stdexcept>

namespace hc {
namespace {

using namespace std::chrono_literals;

// What a storage layer throws when its disk is full: its own type, marked StorageFull.
struct LayerFull : std::runtime_error, StorageFull {
  LayerFull() : std::runtime_error("disk full") {}
};

TEST(StorageFull, IsToldApartFromOtherFailures) {
  EXPECT_TRUE(is_storage_full(LayerFull()));
  EXPECT_FALSE(is_storage_full(std::runtime_error("disk I/O error")));
}

TEST(StorageFull, AnswersUnavailableWithRetryAfter) {
  const Error error = storage_full_error();
  EXPECT_EQ(info(error.code).status, 503u);
  EXPECT_EQ(info(error.code).code, "unavailable");
  EXPECT_EQ(error.retry_after, kStorageFullRetryAfter);
  EXPECT_NE(error.message.find("full"), std::string::npos) << error.message;
}

TEST(StorageFull, WarnsAtTheFirstFailureAndThenOncePerQuietPeriod) {
  StorageFullWarnings warnings(Logger::null(), 60s);
  const LayerFull full;
  const auto start = std::chrono::steady_clock::time_point(100h);
  EXPECT_TRUE(warnings.note("POST /api/v1/coupons", full, start));
  for (int i = 1; i <= 5; ++i) EXPECT_FALSE(warnings.note("claims", full, start + i * 10s)) << i;
  // A disk that stays full is warned about again a minute after the last warning, not only after a lull.
  EXPECT_TRUE(warnings.note("claims", full, start + 60s));
  EXPECT_FALSE(warnings.note("claims", full, start + 61s));
  EXPECT_TRUE(warnings.note("claims", full, start + 10min));
}

}  // namespace
}  // namespace hc
