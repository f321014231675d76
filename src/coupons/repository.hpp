#pragma once
// What the coupons module needs from storage. Each method is one atomic operation; calls block and are
// made from the worker pool.
#include "core/error.hpp"
#include "core/result.hpp"
#include "coupons/model.hpp"
#include "coupons/search.hpp"
#include "notifications/model.hpp"

#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hc::coupons {

struct CouponWithStats {
  Coupon coupon;
  CouponStats stats;
};

class CouponRepository {
 public:
  virtual ~CouponRepository() = default;

  //! The hotel a hotelier owns.
  virtual std::optional<HotelRef> hotel_of_owner(std::string_view owner_user_id) = 0;
  //! Stores a new coupon, and the events it causes, in one transaction.
  virtual void insert(const Coupon& coupon, const std::vector<notifications::OutboxEvent>& events) = 0;
  //! The coupon with its hotel.
  virtual std::optional<Coupon> find(std::string_view coupon_id) = 0;
  //! Checks and edits a coupon, returning the events the edit causes (its error rolls everything back).
  using Change = std::function<Result<std::vector<notifications::OutboxEvent>, Error>(Coupon&)>;
  //! In one transaction: reads the coupon, applies `change`, saves the fields a hotelier edits and the status
  //! (never the claimed count, which claims change) and the events, and returns the edited coupon (so `change`
  //! edits only those fields). Concurrent edits therefore apply one after the other instead of overwriting each
  //! other. Errc::not_found if there is no such coupon;
  //! Errc::quantity_below_redeemed if the quantity would fall under what was claimed.
  virtual Result<Coupon, Error> modify(std::string_view coupon_id, const Change& change) = 0;
  //! Replaces the image key; returns the previous key.
  virtual std::string set_image(std::string_view coupon_id, std::string_view image_key, SysSeconds now) = 0;
  //! A hotel's coupons, newest first, optionally only those a client sees with `visible_status` (expired
  //! included), after the keyset cursor.
  virtual std::vector<CouponWithStats> list_for_hotel(std::string_view hotel_id,
                                                      const std::optional<std::string>& visible_status, SysSeconds now,
                                                      const std::optional<std::string>& after_id,
                                                      std::size_t limit) = 0;
  //! Every coupon of a hotel, newest first, without figures (a report's list).
  virtual std::vector<Coupon> all_for_hotel(std::string_view hotel_id) = 0;
  //! Active, unexpired coupons the filters let through, in the query's keyset order, after its cursor; a query
  //! without words only (words are ranked by rank).
  virtual std::vector<Coupon> search(const SearchQuery& query) = 0;
  //! Ids of active, unexpired coupons matching the words and the filters, of the newest kMaxSearchCandidates such
  //! matches, in the query's order (relevance: best first), at most `limit`: the snapshot a search pages through.
  virtual std::vector<std::string> rank(const SearchQuery& query, std::size_t limit) = 0;
  //! Coupons by id, in the given order, keeping only those still active and unexpired.
  virtual std::vector<Coupon> find_active(const std::vector<std::string>& ids, SysSeconds now) = 0;
};

}  // namespace hc::coupons
