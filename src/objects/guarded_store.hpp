#pragma once
// An object store behind a circuit breaker. A failed call (the service unreachable, a timeout, a refusal) counts
// against the breaker and reaches the caller as DependencyUnavailable, so the API answers 503 with Retry-After
// rather than 500; once the breaker is open, calls fail at once without waiting on the store.
#include "core/circuit_breaker.hpp"
#include "objects/object_store.hpp"

#include <memory>

namespace hc::objects {

class GuardedObjectStore final : public ObjectStore {
 public:
  GuardedObjectStore(std::unique_ptr<ObjectStore> store, CircuitBreaker& breaker);

  void put(std::string_view key, std::string_view bytes, std::string_view content_type) override;
  std::optional<StoredObject> get(std::string_view key) override;
  void remove(std::string_view key) override;
  //! The store's own check, through the breaker (so a probe can be the trial call that closes it).
  void check() override;

 private:
  template <class F>
  decltype(auto) guarded(F&& call);

  std::unique_ptr<ObjectStore> store_;
  CircuitBreaker& breaker_;
};

}  // namespace hc::objects
