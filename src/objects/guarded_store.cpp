#include "objects/guarded_store.hpp"

#include <optional>

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
  // A full disk is the store's answer, not an outage: it must not open the breaker, which would refuse reads too.
  // It reaches the caller as it is, and the API answers 503 for it.
  std::optional<StoreFull> full;
  guarded([&] {
    try {
      store_->put(key, bytes, content_type);
    } catch (const StoreFull& error) {
      full = error;
    }
  });
  if (full) throw *full;
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
