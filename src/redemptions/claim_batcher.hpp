#pragma once
// Group commit for claims. Claims that arrive while a batch is being committed wait in a queue and go together in
// the next batch, one transaction (one fsync) for them all; a lone claim goes at once, with no timer to wait for.
// One batch at a time runs on the worker pool, so a burst of travellers costs a few commits instead of one each,
// and the worker threads stay free for the other requests. Each claim keeps the outcome it would have had alone.
#include "core/log.hpp"
#include "core/principal.hpp"
#include "core/storage_full.hpp"
#include "core/time.hpp"
#include "core/worker_pool.hpp"
#include "redemptions/repository.hpp"

#include <boost/asio/any_completion_handler.hpp>
#include <boost/asio/any_io_executor.hpp>
#include <boost/asio/awaitable.hpp>

#include <atomic>
#include <cstddef>
#include <cstdint>
#include <deque>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace hc::redemptions {

//! What the batcher has committed so far: claims per commit, for /metrics and tests.
struct ClaimBatchStats {
  std::uint64_t claims = 0;   // tries of claims in committed batches (a colliding code's retry counts again)
  std::uint64_t batches = 0;  // committed transactions
  std::uint64_t largest = 0;  // the most claims one batch held
};

class ClaimBatcher {
 public:
  using Answer = Result<Redemption, Error>;
  static constexpr std::size_t kMaxBatch = 256;

  ClaimBatcher(RedemptionRepository& repository, WorkerPool& workers, NowFn now, Logger log,
               std::size_t max_batch = kMaxBatch)
      : repository_(repository),
        workers_(workers),
        now_(std::move(now)),
        log_(std::move(log)),
        max_batch_(max_batch),
        storage_full_(log_) {}
  ClaimBatcher(const ClaimBatcher&) = delete;
  ClaimBatcher& operator=(const ClaimBatcher&) = delete;
  //! The worker pool must have finished (stop()) every batch before.
  ~ClaimBatcher() = default;

  //! A traveller claims a coupon and gets a code, as RedemptionService::claim; the claim is committed with those
  //! waiting beside it, and the caller resumes on its own executor. Errc::unavailable once the pool is stopping.
  boost::asio::awaitable<Answer> claim(const Principal& traveller, std::string_view coupon_id);

  //! Claims and commits so far. Any thread.
  [[nodiscard]] ClaimBatchStats stats() const;

 private:
  class Batch;
  using Handler = boost::asio::any_completion_handler<void(Answer)>;

  //! One traveller's claim, waiting for its batch.
  struct Waiting {
    std::string user_id;
    std::string coupon_id;
    Handler handler;
    boost::asio::any_io_executor work;  // the caller's executor, kept from running out of work until the answer
    int attempts = 0;                   // codes drawn so far
  };
  struct Answered {
    Waiting waiting;
    Answer answer;
  };

  void enqueue(Waiting waiting);
  //! On a worker thread: commits one batch, starts the next, then answers the claims of this one.
  void run(std::vector<Waiting> batch);
  //! Commits the batch; the claims whose code collided come back in `retry`, with a new code to draw.
  std::vector<Answered> commit(std::vector<Waiting> batch, std::vector<Waiting>& retry);
  //! The pool dropped a batch without running it (it is stopping): that one, the queued claims and every later
  //! claim are refused, so that none waits for ever.
  void drop(std::vector<Waiting> batch);
  //! Takes the next batch off the queue; the caller holds mutex_. Empty when nothing waits.
  std::vector<Waiting> take_batch();
  void start(std::vector<Waiting> batch);
  void record_commit(std::size_t claims);
  //! Resumes the claim's coroutine with the answer, on its own executor.
  static void answer(Waiting waiting, Answer outcome);

  RedemptionRepository& repository_;
  WorkerPool& workers_;
  NowFn now_;
  Logger log_;
  std::size_t max_batch_;
  StorageFullWarnings storage_full_;

  std::mutex mutex_;
  std::deque<Waiting> queue_;
  bool running_ = false;  // a batch is on the worker pool; the queue waits for it
  bool stopped_ = false;  // the pool dropped a batch

  std::atomic<std::uint64_t> claims_{0};
  std::atomic<std::uint64_t> batches_{0};
  std::atomic<std::uint64_t> largest_{0};
};

}  // namespace hc::redemptions
