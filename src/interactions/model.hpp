#pragma once
// Interactions with coupons: views, clicks and shares reported by clients; claims and uses recorded by the
// server itself. Raw events are temporary; what stays is a counter per coupon and hotel-local day.
#include "core/time.hpp"
#include "core/timezone.hpp"

#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <vector>

namespace hc::interactions {

struct Interaction {
  std::optional<std::string> id;  // the sender's event id (scoped to the sender): a retry is counted once
  std::string coupon_id;
  std::string action;  // view, click, share (from clients); claim, use (from the server)
  SysSeconds at{};
  std::int64_t count = 1;  // how many identical events this record stands for (id-less ones added up when queued)
};

//! How many events the records stand for.
inline std::size_t event_count(const std::vector<Interaction>& records) {
  std::size_t events = 0;
  for (const Interaction& record : records) events += static_cast<std::size_t>(record.count);
  return events;
}

struct Counts {
  std::int64_t views = 0;
  std::int64_t clicks = 0;
  std::int64_t shares = 0;
  std::int64_t claims = 0;
  std::int64_t uses = 0;
};

struct DailyCounts {
  LocalDate day{};
  Counts counts;
};

struct CouponDayCounts {
  std::string coupon_id;
  LocalDate day{};
  Counts counts;
};

struct CouponCounts {
  std::string coupon_id;
  std::string title;
  Counts counts;
};

}  // namespace hc::interactions
