#pragma once
// The part of a fold every database shares: which delivered events are new, and their sums per coupon and
// hotel-local day. The repositories only read and write rows around it.
#include "interactions/repository.hpp"

#include <functional>
#include <map>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hc::interactions {

//! Where a coupon's events are counted: its hotel's time zone, and whose statistics change.
struct CouponHome {
  std::string timezone;
  std::string owner_id;
};

class Tally {
 public:
  using Key = std::pair<std::string, std::string>;  // coupon id, hotel-local day (YYYY-MM-DD)

  //! Counts `count` identical events on their coupon's hotel-local day; events of an unknown coupon (no home), of
  //! an unknown time zone or of an unknown action are dropped instead, never blocking the rest.
  void add(std::string_view coupon_id, std::string_view action, SysSeconds at, std::int64_t count,
           const std::optional<CouponHome>& home);

  //! The sums, ordered alike for every folder, so that two folders lock the same counters in the same order.
  [[nodiscard]] const std::map<Key, Counts>& sums() const { return sums_; }
  //! How many were folded and dropped, and each owner whose statistics changed, once.
  [[nodiscard]] FoldResult result() const;

 private:
  std::map<Key, Counts> sums_;
  std::set<std::string> owners_;
  std::size_t folded_ = 0;
  std::size_t dropped_ = 0;
};

//! Records an id in the database's remembered ids; true when it was not there yet.
using RememberId = std::function<bool(std::string_view id)>;
//! Looks a coupon up; nullopt when it does not exist.
using FindHome = std::function<std::optional<CouponHome>(std::string_view coupon_id)>;

//! Tallies the delivered events seen for the first time: each delivery id, then each event id, is remembered
//! (in sorted order, so that concurrent folders take the rows' locks in one order and never deadlock), and an
//! event counts only when both were new. Each coupon is looked up once.
Tally tally_new_deliveries(const std::vector<DeliveredInteraction>& delivered, const RememberId& remember,
                           const FindHome& find);

}  // namespace hc::interactions
