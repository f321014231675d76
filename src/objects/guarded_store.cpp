#include "objects/guarded_store.hpp"

namespace hc::objects {

GuardedObjectStore::GuardedObjectStore(std::unique_ptr<ObjectStore> store, CircuitBreaker& breaker)
    : store_(std::move(store)), breaker_(breaker) {}

template <class F>
decltype(auto) GuardedObjectStore::guarded(F&& call) {
  try {
    return breaker_.run(std::forward<F>(call));
  } catch (const StoreError& e) {
    throw DependencyUnavailable(breaker_.name(), kRetryAfterFailedCall, e.what());
  }
}

void GuardedObjectStore::put(std::string_view key, std::string_view bytes, std::string_view content_type) {
  guarded([&] { store_->put(key, bytes, content_type); });
}

std::optional<StoredObject> GuardedObjectStore::get(std::string_view key) {
  return guarded([&] { return store_->get(key); });
}

void GuardedObjectStore::remove(std::string_view key) {
  guarded([&] { store_->remove(key); });
}

void GuardedObjectStore::check() {
  guarded([&] { store_->check(); });
}

}  // namespace hc::objects
