#pragma once
// The interaction queue on a Redis stream shared by every node: a push is one XADD per record, with its count (one
// round trip for the batch), and every process folds through one consumer group. An entry is counted in the database in
// one transaction that also remembers its entry id, and acknowledged and deleted only after that commit, so an entry a
// dead consumer left behind is claimed by another after `claim_after` and still counted exactly once. While Redis
// cannot be reached (or its circuit breaker is open) events go to the database's own queue instead, which every pass
// folds too, as it does the events the server records inside a claim's or a use's transaction.
#include "core/circuit_breaker.hpp"
#include "core/log.hpp"
#include "interactions/queue.hpp"
#include "redis/pool.hpp"

#include <atomic>
#include <chrono>
#include <span>
#include <string>
#include <vector>

namespace hc::redis {

struct StreamQueueOptions {
  std::string key = "hc:interactions";
  std::string group = "hc:fold";
  std::string consumer;                           // unique per process, e.g. unique_consumer_name()
  std::chrono::milliseconds claim_after{30'000};  // how long another consumer's unacknowledged entry waits
};

//! "<host>:<pid>:<random>": a consumer name no other process takes, also after a restart with the same pid.
std::string unique_consumer_name();

//! Stream entries this consumer took and has not acknowledged yet.
struct TakenEntries {
  std::vector<interactions::DeliveredInteraction> events;  // delivery id "s:<entry id>"
  std::vector<std::string> entry_ids;                      // every entry taken, readable or not
  std::size_t unreadable = 0;                              // entries of an unknown payload version, dropped
};

class RedisStreamQueue final : public interactions::InteractionQueue {
 public:
  //! Every Redis call goes through `breaker`; `repository` holds the counters and the fallback queue.
  RedisStreamQueue(Pool& pool, CircuitBreaker& breaker, interactions::InteractionRepository& repository,
                   StreamQueueOptions options, Logger log);

  //! Appends the events to the stream, or queues them in the database while Redis cannot take them.
  std::size_t push(const std::vector<interactions::Interaction>& events, SysSeconds now) override;
  //! Folds the database's queue, then one batch of the stream (take, count, acknowledge).
  interactions::FoldResult fold_once(std::size_t batch, SysSeconds now) override;
  //! Both queues together: the stream's entries not yet acknowledged and deleted count as waiting, one each whatever
  //! their counts (XLEN; summing them would mean reading every entry).
  std::pair<std::int64_t, std::chrono::seconds> backlog(SysSeconds now) override;

  // The steps of folding the stream, public so that a test can stop between them as a dying consumer would.
  //! Takes up to `batch` entries: ones any consumer left unacknowledged longer than claim_after first, else new
  //! ones. Creates the stream and the group when missing. Throws when Redis fails.
  TakenEntries take(std::size_t batch);
  //! Counts the taken events in one database transaction; a delivery counted before is skipped.
  interactions::FoldResult count(const TakenEntries& taken, SysSeconds now);
  //! Acknowledges and deletes the taken entries; call only after count() committed. Throws when Redis fails.
  void acknowledge(const TakenEntries& taken);

 private:
  //! Runs `call` (Redis calls only) through the breaker; false when it failed, logging once per failure burst.
  template <class F>
  bool on_redis(F&& call);
  //! Runs a group command, creating the stream and the group first if Redis says there is none.
  Reply group_command(Connection& connection, std::span<const std::string_view> argv);

  Pool& pool_;
  CircuitBreaker& breaker_;
  interactions::InteractionRepository& repository_;
  interactions::DatabaseQueue database_;
  const StreamQueueOptions options_;
  Logger log_;
  std::atomic<bool> failing_{false};  // within a burst of failures, logged at its start and end
};

}  // namespace hc::redis
