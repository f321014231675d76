#include "core/storage_full.hpp"

#include <string>
#include <utility>

namespace hc {

bool is_storage_full(const std::exception& error) { return dynamic_cast<const StorageFull*>(&error) != nullptr; }

Error storage_full_error() {
  Error error = make_error(Errc::unavailable);
  error.message = "The server's storage is full just now, so nothing was saved; please try again in " +
                  std::to_string(kStorageFullRetryAfter.count()) + " s";
  error.retry_after = kStorageFullRetryAfter;
  return error;
}

StorageFullWarnings::StorageFullWarnings(Logger log, std::chrono::seconds quiet)
    : log_(std::move(log)), quiet_(quiet) {}

bool StorageFullWarnings::note(std::string_view where, const std::exception& error, Clock::time_point now) {
  const Clock::rep at = now.time_since_epoch().count();
  unlogged_.fetch_add(1);
  Clock::rep last = last_logged_.load();
  // One caller per quiet period wins the exchange and logs; the others only counted.
  do {
    if (last != 0 && at - last < quiet_.count()) return false;
  } while (!last_logged_.compare_exchange_weak(last, at));
  log_.warn("storage full: writes are refused until space returns",
            {{"where", where}, {"what", std::string_view(error.what())}, {"failures", unlogged_.exchange(0)}});
  return true;
}

}  // namespace hc
