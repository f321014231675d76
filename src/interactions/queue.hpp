#pragma once
// Where interaction events wait until a background pass folds them into the counters: the database's own queue
// (the default, and always the home of the events the server records inside a claim's or a use's transaction), or
// a queue outside the database such as a Redis stream. Calls block and are made from the worker pool.
#include "interactions/repository.hpp"

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <utility>
#include <vector>

namespace hc::interactions {

class InteractionQueue {
 public:
  InteractionQueue() = default;
  InteractionQueue(const InteractionQueue&) = delete;
  InteractionQueue& operator=(const InteractionQueue&) = delete;
  virtual ~InteractionQueue() = default;

  //! Queues records (each standing for `count` events) durably: once it returns, a crash loses none of them. A
  //! retry of an event whose id was seen in the last day is counted once. Returns how many events were taken.
  virtual std::size_t push(const std::vector<Interaction>& events, SysSeconds now) = 0;
  //! One pass: folds up to `batch` queued records (from each place events wait) into the counters, each exactly
  //! once even with several processes folding at once; says how many events it handled and whose statistics
  //! changed.
  virtual FoldResult fold_once(std::size_t batch, SysSeconds now) = 0;
  //! How many events wait (records by their counts where the queue can sum them cheaply), and the age of the oldest.
  virtual std::pair<std::int64_t, std::chrono::seconds> backlog(SysSeconds now) = 0;
};

//! The queue in the database itself (table interaction_queue).
class DatabaseQueue final : public InteractionQueue {
 public:
  explicit DatabaseQueue(InteractionRepository& repository) : repository_(repository) {}

  std::size_t push(const std::vector<Interaction>& events, SysSeconds now) override;
  FoldResult fold_once(std::size_t batch, SysSeconds now) override;
  std::pair<std::int64_t, std::chrono::seconds> backlog(SysSeconds now) override;

 private:
  InteractionRepository& repository_;
};

}  // namespace hc::interactions
