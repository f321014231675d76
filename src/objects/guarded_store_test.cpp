#include "objects/guarded_store.hpp"

#include <gtest/gtest.h>

#include <memory>
#include <string>

namespace hc::objects {
namespace {

// A store on a full disk: every write is refused for lack of space, reads work; or, when `down`, nothing works.
class FullDiskStore final : public ObjectStore {
 public:
  explicit FullDiskStore(bool down = false) : down_(down) {}
  void put(std::string_view key, std::string_view, std::string_view) override {
    if (down_) throw StoreError("cannot connect");
    throw StoreFull("cannot write ~tmp/" + std::string(key) + ": No space left on device");
  }
  std::optional<StoredObject> get(std::string_view) override {
    if (down_) throw StoreError("cannot connect");
    return StoredObject{"image/png", "png"};
  }
  void remove(std::string_view) override {}
  void check() override {}

 private:
  bool down_;
};

TEST(GuardedObjectStore, AFullDiskRefusesTheWriteAsFullWithoutOpeningTheBreaker) {
  CircuitBreaker breaker("object_store", BreakerOptions{}, Logger::null());
  GuardedObjectStore store(std::make_unique<FullDiskStore>(), breaker);
  // Far more refused writes than it takes to open the breaker on failures.
  for (int i = 0; i < 3 * static_cast<int>(BreakerOptions{}.minimum_calls); ++i) {
    try {
      store.put("coupons/a.png", "png", "image/png");
      FAIL() << "the write was accepted";
    } catch (const StoreFull& error) {
      EXPECT_TRUE(is_storage_full(error));
    }
  }
  EXPECT_EQ(breaker.state(), BreakerState::closed);
  EXPECT_TRUE(store.get("coupons/b.png").has_value()) << "reads must go on working";
}

TEST(GuardedObjectStore, AStoreThatIsDownStillCountsAgainstTheBreaker) {
  CircuitBreaker breaker("object_store", BreakerOptions{}, Logger::null());
  GuardedObjectStore store(std::make_unique<FullDiskStore>(true), breaker);
  for (int i = 0; i < static_cast<int>(BreakerOptions{}.minimum_calls); ++i) {
    EXPECT_THROW(store.put("coupons/a.png", "png", "image/png"), DependencyUnavailable);
  }
  EXPECT_EQ(breaker.state(), BreakerState::open);
}

}  // namespace
}  // namespace hc::objects
