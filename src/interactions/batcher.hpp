#pragma once
// Interactions arriving one frame at a time over the sockets are gathered here and queued in one transaction
// per pass, so a busy socket costs a memory append, not a disk write. Before queuing, a pass adds up the events
// without an id that share a coupon, an action and a minute into one record with their count, so the queue (and
// the fold after it) handles a row per coupon and action in each pass instead of a row per event; events with an
// id stay one record each, since every id must be remembered for a day. Frames are not acknowledged (the batch
// endpoint is the one that promises durability); the batcher is bounded, in events gathered, and drops, and
// counts, what overflows.
#include "interactions/service.hpp"

#include <mutex>
#include <vector>

namespace hc::interactions {

class InteractionBatcher {
 public:
  explicit InteractionBatcher(InteractionService& service, std::size_t max_pending = 100'000)
      : service_(service), max_pending_(max_pending) {}

  //! Gathers one well-formed event. Any thread.
  void add(Interaction event);
  //! Counts one malformed event. Any thread.
  void add_malformed();
  //! One background pass: queues what was gathered since the last pass, added up (see above); returns how many
  //! events it handled.
  std::size_t flush();

 private:
  InteractionService& service_;
  std::size_t max_pending_;
  std::mutex mutex_;
  std::vector<Interaction> pending_;
  std::size_t malformed_ = 0;
};

}  // namespace hc::interactions
