#pragma once
// A full disk, told apart from other storage failures without knowing the storage. A write that the disk refuses
// for lack of space did not happen, reads still work, and the same write succeeds once space returns: the API
// answers 503 `unavailable` with Retry-After (not 500), and the log gets one warning per burst rather than an
// error per request.
#include "core/error.hpp"
#include "core/log.hpp"

#include <atomic>
#include <chrono>
#include <cstdint>
#include <exception>
#include <string_view>

namespace hc {

//! Mixed into a storage layer's own exception type (sqlite::FullError, objects::StoreFull) when the disk is full,
//! so that callers can still catch that layer's type as before.
class StorageFull {
 public:
  virtual ~StorageFull() = default;

 protected:
  StorageFull() = default;
  StorageFull(const StorageFull&) = default;
  StorageFull& operator=(const StorageFull&) = default;
};

//! True if the exception says that a disk is full.
bool is_storage_full(const std::exception& error);

//! How long a client is asked to wait before trying a refused write again.
inline constexpr std::chrono::seconds kStorageFullRetryAfter{30};

//! What the API answers to a write a full disk refused: 503 `unavailable` with Retry-After.
Error storage_full_error();

//! Logs a full disk as a warning at its first failure and then at most once per `quiet`, each warning with the
//! number of failures since the one before: a disk that stays full keeps showing in the log without flooding it.
class StorageFullWarnings {
 public:
  using Clock = std::chrono::steady_clock;
  explicit StorageFullWarnings(Logger log, std::chrono::seconds quiet = std::chrono::seconds(60));

  //! Notes one refused write (`where`: the route or the work); says true if it logged a warning. Thread-safe.
  bool note(std::string_view where, const std::exception& error, Clock::time_point now = Clock::now());

 private:
  Logger log_;
  const Clock::duration quiet_;
  std::atomic<Clock::rep> last_logged_{0};  // the last warning's time since the clock's epoch; 0: none yet
  std::atomic<std::uint64_t> unlogged_{0};  // failures since the last warning
};

}  // namespace hc
