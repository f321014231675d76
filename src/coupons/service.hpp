#pragma once
// The coupon rules with storage: a hotelier's lifecycle of their own coupons, what a traveller may read,
// search with stable paging, and images. Synchronous; handlers run it on the worker pool.
#include "core/principal.hpp"
#include "coupons/repository.hpp"
#include "coupons/rules.hpp"
#include "coupons/search.hpp"
#include "coupons/snapshots.hpp"
#include "objects/object_store.hpp"

namespace hc::coupons {

//! A search as the traveller asked for it, before validation.
struct SearchParams {
  std::optional<std::string> q, hotel_id, hotel, city, min_discount, max_discount, valid_on, sort, limit, cursor;
};

struct SearchPage {
  std::vector<Coupon> items;
  std::optional<std::string> next_cursor;
};

struct HotelierPage {
  std::vector<CouponWithStats> items;
  std::optional<std::string> next_cursor;
};

class CouponService {
 public:
  CouponService(CouponRepository& coupons, objects::ObjectStore& objects, NowFn now);

  //! A hotelier creates a coupon for their hotel, as a draft or active.
  Result<Coupon, Error> create(const Principal& hotelier, const CouponDraft& draft);
  //! The owner edits fields and/or changes the status.
  Result<Coupon, Error> edit(const Principal& hotelier, std::string_view coupon_id, const CouponDraft& draft);
  //! One coupon: anyone signed in reads an active one; only the owner reads it in other statuses.
  Result<Coupon, Error> get(const Principal& caller, std::string_view coupon_id);
  //! Active, unexpired coupons matching the request.
  Result<SearchPage, Error> search(const SearchParams& params);
  //! The hotelier's own coupons in every status (or one), with their figures.
  Result<HotelierPage, Error> list_own(const Principal& hotelier, const std::optional<std::string>& status,
                                       const std::optional<std::string>& limit, const std::optional<std::string>& cursor);
  //! Replaces a coupon's image with uploaded bytes (JPEG, PNG or WebP, recognised from the bytes).
  Result<Coupon, Error> set_image(const Principal& hotelier, std::string_view coupon_id, std::string_view bytes);
  //! Something a search reads changed outside this service (a hotel's name or city): the next search ranks afresh.
  void search_changed() { snapshots_.coupons_changed(); }
  [[nodiscard]] SysSeconds now() const { return to_seconds(now_()); }

 private:
  Result<Coupon, Error> owned(const Principal& hotelier, std::string_view coupon_id);
  Result<SearchPage, Error> search_ranked(SearchQuery query, const std::optional<Cursor>& cursor);

  CouponRepository& coupons_;
  objects::ObjectStore& objects_;
  NowFn now_;
  // Paging keeps an order for 15 minutes; a first page reuses the same question's order for 2 seconds.
  RelevanceSnapshots snapshots_{10'000, std::chrono::minutes(15), std::chrono::seconds(2)};
};

}  // namespace hc::coupons
