#pragma once
// The interaction queue and the daily counters; calls block and are made from the worker pool.
#include "interactions/model.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace hc::interactions {

struct FoldResult {
  std::size_t folded = 0;                         // events added to counters (a record counts as many as it stands for)
  std::size_t dropped = 0;                        // events of unknown coupons, set aside
  std::vector<std::string> changed_hotel_owners;  // whose statistics changed (each user once)
};

//! An event handed over by a queue outside the database, which may hand the same one over again (after the
//! consumer that took it died before acknowledging it).
struct DeliveredInteraction {
  std::string delivery_id;  // unique per handed-over event and never an event id, e.g. "s:<stream entry id>"
  Interaction event;
};

class InteractionRepository {
 public:
  virtual ~InteractionRepository() = default;
  //! Queues records durably in one transaction, each with its count; an event whose id was seen in the last day is
  //! skipped. Returns how many events were queued.
  virtual std::size_t enqueue(const std::vector<Interaction>& events, SysSeconds now) = 0;
  //! In one transaction: folds up to `batch` queued records into the counters, each as many times as its count
  //! (the day in each coupon's hotel time zone), deletes them, and forgets event ids older than a day.
  virtual FoldResult fold(std::size_t batch, SysSeconds now) = 0;
  //! In one transaction: counts each delivered record (as many times as its count) into the counters unless its
  //! delivery id or its event id was seen in the last day, remembers both, and forgets ids older than a day. A delivery
  //! folded again after a commit (or events of unknown coupons) are not counted twice; `dropped` counts the unknown
  //! coupons' events.
  virtual FoldResult fold_delivered(const std::vector<DeliveredInteraction>& delivered, SysSeconds now) = 0;
  //! How many events wait in the queue (the records' counts), and the age of the oldest.
  virtual std::pair<std::int64_t, std::chrono::seconds> backlog(SysSeconds now) = 0;
  //! A hotel's counters per day over [from, to] (days without activity are absent).
  virtual std::vector<DailyCounts> daily(std::string_view hotel_id, LocalDate from, LocalDate to) = 0;
  //! A hotel's counters per coupon and day over [from, to], newest coupon first, then by day (pairs without
  //! activity are absent).
  virtual std::vector<CouponDayCounts> per_coupon_day(std::string_view hotel_id, LocalDate from, LocalDate to) = 0;
  //! A hotel's counters per coupon over [from, to].
  virtual std::vector<CouponCounts> per_coupon(std::string_view hotel_id, LocalDate from, LocalDate to) = 0;
};

}  // namespace hc::interactions
