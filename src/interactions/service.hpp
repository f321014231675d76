#pragma once
// Capturing interactions without slowing anyone down, folding them into counters in the background, and the
// hotelier's statistics read from those counters.
#include "core/error.hpp"
#include "core/principal.hpp"
#include "core/result.hpp"
#include "coupons/repository.hpp"
#include "interactions/queue.hpp"
#include "interactions/repository.hpp"

#include <atomic>

namespace hc::interactions {

inline constexpr std::size_t kFoldBatch = 5000;

struct IngestResult {
  std::size_t accepted = 0;
  std::size_t dropped = 0;
};

struct Stats {
  LocalDate from{};
  LocalDate to{};
  std::string timezone;
  Counts totals;
  std::vector<DailyCounts> daily;  // every day of the range, zeros included
  std::vector<CouponCounts> coupons;
};

//! What /metrics shows of the pipeline.
struct PipelineGauges {
  std::atomic<std::int64_t> queue_depth{0};
  std::atomic<std::int64_t> lag_seconds{0};
  std::atomic<std::int64_t> last_batch{0};
  std::atomic<std::int64_t> dropped_total{0};
};

class InteractionService {
 public:
  //! Events wait in `queue`; the statistics are read from `interactions`.
  InteractionService(InteractionQueue& queue, InteractionRepository& interactions, coupons::CouponRepository& coupons,
                     NowFn now)
      : queue_(queue), interactions_(interactions), coupons_(coupons), now_(std::move(now)) {}

  //! Queues well-formed client events (views, clicks, shares), each record with its count; malformed ones are
  //! dropped and counted.
  IngestResult ingest(const std::vector<Interaction>& events, std::size_t malformed);
  //! One background pass: folds queued events into the counters; says how many it handled and whose
  //! statistics changed.
  FoldResult fold_once();
  //! The hotelier's statistics over [from, to] (hotel-local dates; the last 30 days by default).
  Result<Stats, Error> stats(const Principal& hotelier, const std::optional<std::string>& from,
                             const std::optional<std::string>& to);
  [[nodiscard]] const PipelineGauges& gauges() const { return gauges_; }
  [[nodiscard]] SysSeconds now() const { return to_seconds(now_()); }

 private:
  InteractionQueue& queue_;
  InteractionRepository& interactions_;
  coupons::CouponRepository& coupons_;
  NowFn now_;
  PipelineGauges gauges_;
};

}  // namespace hc::interactions
