#include "redemptions/claim_batcher.hpp"

#include "redemptions/service.hpp"

#include <boost/asio/append.hpp>
#include <boost/asio/async_result.hpp>
#include <boost/asio/execution/outstanding_work.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/prefer.hpp>
#include <boost/asio/use_awaitable.hpp>

#include <algorithm>
#include <exception>
#include <utility>

namespace hc::redemptions {

namespace asio = boost::asio;

// The task posted to the worker pool: runs its batch, or, if the pool is stopping and destroys it unrun, refuses
// the batch's claims rather than leave them waiting.
class ClaimBatcher::Batch {
 public:
  Batch(ClaimBatcher& owner, std::vector<Waiting> claims) : owner_(&owner), claims_(std::move(claims)) {}
  Batch(Batch&& other) noexcept : owner_(other.owner_), claims_(std::exchange(other.claims_, {})) {}
  Batch(const Batch&) = delete;
  Batch& operator=(const Batch&) = delete;
  Batch& operator=(Batch&&) = delete;
  ~Batch() {
    if (!claims_.empty()) owner_->drop(std::exchange(claims_, {}));
  }

  void operator()() { owner_->run(std::exchange(claims_, {})); }

 private:
  ClaimBatcher* owner_;
  std::vector<Waiting> claims_;
};

asio::awaitable<ClaimBatcher::Answer> ClaimBatcher::claim(const Principal& traveller, std::string_view coupon_id) {
  auto initiation = [this](auto handler, std::string user_id, std::string coupon) {
    // The coroutine's executor, told that work is pending on it until the answer is posted there.
    asio::any_io_executor work =
        asio::prefer(asio::get_associated_executor(handler), asio::execution::outstanding_work.tracked);
    enqueue(Waiting{std::move(user_id), std::move(coupon), Handler(std::move(handler)), std::move(work)});
  };
  // Copies, not views: the claim waits in the queue after the caller's request may be gone.
  return asio::async_initiate<const asio::use_awaitable_t<>, void(Answer)>(std::move(initiation), asio::use_awaitable,
                                                                           traveller.user_id, std::string(coupon_id));
}

ClaimBatchStats ClaimBatcher::stats() const { return {claims_.load(), batches_.load(), largest_.load()}; }

void ClaimBatcher::enqueue(Waiting waiting) {
  std::vector<Waiting> batch;
  {
    const std::lock_guard lock(mutex_);
    if (stopped_) {
      answer(std::move(waiting), Failure{make_error(Errc::unavailable)});
      return;
    }
    queue_.push_back(std::move(waiting));
    if (running_) return;  // it goes with the next batch, when the one on the pool has committed
    running_ = true;
    batch = take_batch();
  }
  start(std::move(batch));
}

std::vector<ClaimBatcher::Waiting> ClaimBatcher::take_batch() {
  const auto size = static_cast<std::ptrdiff_t>(std::min(queue_.size(), max_batch_));
  std::vector<Waiting> batch(std::make_move_iterator(queue_.begin()), std::make_move_iterator(queue_.begin() + size));
  queue_.erase(queue_.begin(), queue_.begin() + size);
  return batch;
}

void ClaimBatcher::start(std::vector<Waiting> batch) { workers_.post(Batch(*this, std::move(batch))); }

void ClaimBatcher::run(std::vector<Waiting> batch) {
  std::vector<Waiting> retry;
  std::vector<Answered> answered = commit(std::move(batch), retry);
  std::vector<Waiting> next;
  {
    const std::lock_guard lock(mutex_);
    // A claim whose code collided goes first in the next batch: it has waited longest.
    for (auto it = retry.rbegin(); it != retry.rend(); ++it) queue_.push_front(std::move(*it));
    next = take_batch();
    running_ = !next.empty();
  }
  if (!next.empty()) start(std::move(next));
  // Last: once the last claim is answered, its caller may go on to destroy this batcher.
  for (Answered& done : answered) answer(std::move(done.waiting), std::move(done.answer));
}

std::vector<ClaimBatcher::Answered> ClaimBatcher::commit(std::vector<Waiting> batch, std::vector<Waiting>& retry) {
  const SysSeconds now = to_seconds(now_());
  std::vector<ClaimRequest> requests;
  requests.reserve(batch.size());
  for (Waiting& waiting : batch) {
    ++waiting.attempts;
    requests.push_back(draw_claim(waiting.user_id, waiting.coupon_id, now));
  }
  std::vector<Answered> answered;
  answered.reserve(batch.size());
  std::vector<Result<Redemption, Errc>> claimed;
  Error failure = make_error(Errc::internal);
  try {
    claimed = repository_.claim_all(requests);
  } catch (const std::exception& e) {
    if (is_storage_full(e)) {
      storage_full_.note("claims", e);
      failure = storage_full_error();
    } else {
      log_.error("claim batch failed", {{"claims", std::uint64_t{batch.size()}}, {"what", std::string_view(e.what())}});
    }
  } catch (...) {
    log_.error("claim batch failed",
               {{"claims", std::uint64_t{batch.size()}}, {"what", std::string_view("unknown exception")}});
  }
  if (claimed.empty()) {
    // Nothing of the batch was committed: every claim of it fails, and the next batch starts afresh.
    for (Waiting& waiting : batch) answered.push_back({std::move(waiting), Failure{failure}});
    return answered;
  }
  // Committed: from here on each claim gets its own outcome.
  record_commit(batch.size());
  if (claimed.size() != batch.size()) {
    log_.error("claim_all answered a different number of claims",
               {{"claims", std::uint64_t{batch.size()}}, {"answers", std::uint64_t{claimed.size()}}});
  }
  for (std::size_t i = 0; i < batch.size(); ++i) {
    if (i >= claimed.size()) {
      answered.push_back({std::move(batch[i]), Failure{make_error(Errc::internal)}});
    } else if (auto outcome = claim_answer(std::move(claimed[i]), batch[i].attempts)) {
      answered.push_back({std::move(batch[i]), std::move(*outcome)});
    } else {
      retry.push_back(std::move(batch[i]));
    }
  }
  return answered;
}

void ClaimBatcher::drop(std::vector<Waiting> batch) {
  {
    const std::lock_guard lock(mutex_);
    stopped_ = true;
    running_ = false;
    std::ranges::move(queue_, std::back_inserter(batch));
    queue_.clear();
  }
  log_.warn("claims refused: the worker pool is stopping", {{"claims", std::uint64_t{batch.size()}}});
  for (Waiting& waiting : batch) answer(std::move(waiting), Failure{make_error(Errc::unavailable)});
}

void ClaimBatcher::record_commit(std::size_t claims) {
  claims_ += claims;
  ++batches_;
  std::uint64_t largest = largest_.load();
  while (largest < claims && !largest_.compare_exchange_weak(largest, claims)) {
  }
}

void ClaimBatcher::answer(Waiting waiting, Answer outcome) {
  // Posted to the awaiting coroutine's executor, never run on this thread; the tracked executor is let go only
  // after, so that executor cannot run out of work in between.
  asio::post(waiting.work, asio::append(std::move(waiting.handler), std::move(outcome)));
}

}  // namespace hc::redemptions
