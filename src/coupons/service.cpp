#include "coupons/service.hpp"

#include "core/paging.hpp"
#include "core/random.hpp"
#include "media/upload.hpp"
#include "notifications/events.hpp"

#include <charconv>

namespace hc::coupons {
namespace {

constexpr std::size_t kMaxRanked = 1000;

std::optional<int> parse_percent(const std::optional<std::string>& text, std::string_view field,
                                 std::vector<FieldIssue>& issues) {
  if (!text) return std::nullopt;
  int value = 0;
  const auto [end, ec] = std::from_chars(text->data(), text->data() + text->size(), value);
  if (ec != std::errc{} || end != text->data() + text->size() || value < 0 || value > 100) {
    issues.push_back({std::string(field), "must be a whole number from 0 to 100"});
    return std::nullopt;
  }
  return value;
}

// Whether the coupon is of the hotelier's hotel; callers answer another hotel's coupon exactly like one that does
// not exist.
bool owns(CouponRepository& coupons, const Principal& hotelier, const Coupon& coupon) {
  const auto hotel = coupons.hotel_of_owner(hotelier.user_id);
  return hotel && coupon.hotel.id == hotel->id;
}

std::optional<SearchSort> parse_sort(std::string_view text) {
  if (text == "relevance") return SearchSort::relevance;
  if (text == "discount") return SearchSort::discount;
  if (text == "newest") return SearchSort::newest;
  if (text == "ending_soon") return SearchSort::ending_soon;
  return std::nullopt;
}

// The sort key of a coupon, as the keyset cursor carries it.
std::string sort_key(const Coupon& coupon, SearchSort sort) {
  if (sort == SearchSort::discount) return std::to_string(coupon.discount_percent);
  if (sort == SearchSort::ending_soon) return to_rfc3339(coupon.valid_until);
  return {};
}

// Reads every search parameter, listing each bad one.
Result<SearchQuery, Error> read_query(const SearchParams& params, SysSeconds now) {
  std::vector<FieldIssue> issues;
  SearchQuery query;
  query.now = now;
  if (params.q) query.terms = split_terms(*params.q);
  query.hotel_id = params.hotel_id;
  query.hotel_name = params.hotel;
  query.city = params.city;
  query.min_discount = parse_percent(params.min_discount, "min_discount", issues);
  query.max_discount = parse_percent(params.max_discount, "max_discount", issues);
  if (params.valid_on) {
    query.valid_on = parse_iso_date(*params.valid_on);
    if (!query.valid_on) issues.push_back({"valid_on", "must be a date (YYYY-MM-DD)"});
  }
  query.sort = query.terms.empty() ? SearchSort::newest : SearchSort::relevance;
  if (params.sort) {
    const auto sort = parse_sort(*params.sort);
    if (!sort) issues.push_back({"sort", "must be one of relevance, discount, newest, ending_soon"});
    else if (*sort == SearchSort::relevance && query.terms.empty()) issues.push_back({"sort", "relevance needs q"});
    else query.sort = *sort;
  }
  auto limit = parse_limit(params.limit);
  if (!limit) issues.insert(issues.end(), limit.error().details.begin(), limit.error().details.end());
  else query.limit = *limit;
  if (!issues.empty()) return Failure{validation_error(std::move(issues))};
  return query;
}

}  // namespace

CouponService::CouponService(CouponRepository& coupons, objects::ObjectStore& objects, NowFn now)
    : coupons_(coupons), objects_(objects), now_(std::move(now)) {}

Result<Coupon, Error> CouponService::owned(const Principal& hotelier, std::string_view coupon_id) {
  auto coupon = coupons_.find(coupon_id);
  if (!coupon || !owns(coupons_, hotelier, *coupon)) return Failure{make_error(Errc::not_found)};
  return std::move(*coupon);
}

Result<Coupon, Error> CouponService::create(const Principal& hotelier, const CouponDraft& draft) {
  const auto hotel = coupons_.hotel_of_owner(hotelier.user_id);
  if (!hotel) return Failure{make_error(Errc::forbidden)};
  const SysSeconds now = this->now();
  Coupon coupon;
  coupon.id = new_id();
  coupon.hotel = *hotel;
  coupon.created_at = coupon.updated_at = now;
  std::vector<FieldIssue> issues = draft.read_issues;
  merge_issues(issues, apply_draft(coupon, draft, true, now));
  if (!issues.empty()) return Failure{validation_error(std::move(issues))};
  const CouponStatus wanted = draft.status ? *parse_status(*draft.status) : CouponStatus::draft;
  if (auto allowed = check_transition(coupon, wanted, now); !allowed) return Failure{allowed.error()};
  coupon.status = wanted;
  // Publishing a coupon tells the hotel's followers; the event is stored with the coupon.
  std::vector<notifications::OutboxEvent> events;
  if (wanted == CouponStatus::active) events.push_back(notifications::coupon_created(coupon));
  coupons_.insert(coupon, events);
  snapshots_.coupons_changed();
  return coupon;
}

Result<Coupon, Error> CouponService::edit(const Principal& hotelier, std::string_view coupon_id,
                                          const CouponDraft& draft) {
  const auto hotel = coupons_.hotel_of_owner(hotelier.user_id);
  if (!hotel) return Failure{make_error(Errc::not_found)};
  const SysSeconds now = this->now();
  const bool edits_fields = draft.title || draft.description || draft.terms || draft.discount_percent ||
                            draft.quantity || draft.clear_quantity || draft.per_user_limit ||
                            draft.validity.valid_from || draft.validity.valid_until || draft.stay_from ||
                            draft.stay_until || draft.clear_stay;
  auto edited = coupons_.modify(coupon_id, [&](Coupon& coupon) -> Result<std::vector<notifications::OutboxEvent>, Error> {
    // Another hotel's coupon is answered exactly like one that does not exist.
    if (coupon.hotel.id != hotel->id) return Failure{make_error(Errc::not_found)};
    if (edits_fields && coupon.status == CouponStatus::archived) return Failure{make_error(Errc::archived)};
    std::vector<FieldIssue> issues = draft.read_issues;
    merge_issues(issues, apply_draft(coupon, draft, false, now));
    if (!issues.empty()) return Failure{validation_error(std::move(issues))};
    std::vector<notifications::OutboxEvent> events;
    if (draft.status) {
      const CouponStatus wanted = *parse_status(*draft.status);
      if (auto allowed = check_transition(coupon, wanted, now); !allowed) return Failure{allowed.error()};
      // Publishing a draft is news for the followers; resuming a paused coupon is not.
      if (coupon.status == CouponStatus::draft && wanted == CouponStatus::active) {
        events.push_back(notifications::coupon_created(coupon));
      }
      coupon.status = wanted;
    }
    coupon.updated_at = now;
    return events;
  });
  if (edited) snapshots_.coupons_changed();
  return edited;
}

Result<Coupon, Error> CouponService::get(const Principal& caller, std::string_view coupon_id) {
  auto coupon = coupons_.find(coupon_id);
  if (!coupon) return Failure{make_error(Errc::not_found)};
  if (coupon->status == CouponStatus::active) return std::move(*coupon);
  if (caller.role == Role::hotelier && owns(coupons_, caller, *coupon)) return std::move(*coupon);
  return Failure{make_error(Errc::not_found)};
}

Result<SearchPage, Error> CouponService::search(const SearchParams& params) {
  auto query = read_query(params, now());
  if (!query) return Failure{query.error()};
  std::optional<Cursor> cursor;
  if (params.cursor) {
    cursor = decode_cursor(*params.cursor);
    if (!cursor) return Failure{field_error("cursor", "is not a cursor this search returned")};
  }
  // Words are ranked once into a snapshot (in any order) that the pages go through; without words, the pages are
  // read in the order's keyset.
  if (!query->terms.empty()) {
    if (cursor && cursor->keyset) return Failure{field_error("cursor", "is not a cursor this search returned")};
    return search_ranked(std::move(*query), cursor);
  }
  if (cursor && cursor->keyset) query->after = cursor->keyset;
  const std::size_t limit = query->limit;
  query->limit = limit + 1;  // one more tells whether there is a next page
  std::vector<Coupon> found = coupons_.search(*query);
  SearchPage page;
  page.next_cursor = trim_page(found, limit, [&](const Coupon& last) {
    return encode_keyset(Keyset{sort_key(last, query->sort), last.id});
  });
  page.items = std::move(found);
  return page;
}

Result<SearchPage, Error> CouponService::search_ranked(SearchQuery query, const std::optional<Cursor>& cursor) {
  const auto clock = std::chrono::steady_clock::now();
  Ranking ranked;
  std::string token;
  std::size_t offset = 0;
  if (cursor && !cursor->snapshot.empty()) {
    ranked = snapshots_.get(cursor->snapshot, clock);
    token = cursor->snapshot;
    offset = cursor->offset;
  }
  if (!ranked) {
    // First page, or a snapshot that has aged out: the same question ranked moments ago, else rank again (a
    // bounded set) and freeze the order, so that pages neither repeat nor skip a coupon.
    const std::string question = ranking_question(query);
    if (auto recent = snapshots_.recent(question, clock)) {
      ranked = std::move(recent->ids);
      token = std::move(recent->token);
    } else {
      const std::uint64_t generation = snapshots_.generation();
      ranked = std::make_shared<const std::vector<std::string>>(coupons_.rank(query, kMaxRanked));
      token = snapshots_.put(question, ranked, clock, generation);
    }
  }
  SearchPage page;
  if (offset >= ranked->size()) return page;
  const std::size_t end = std::min(ranked->size(), offset + query.limit);
  const std::vector<std::string> ids(ranked->begin() + static_cast<std::ptrdiff_t>(offset),
                                     ranked->begin() + static_cast<std::ptrdiff_t>(end));
  // A coupon paused or expired since the first page is left out rather than shown stale.
  page.items = coupons_.find_active(ids, query.now);
  if (end < ranked->size()) page.next_cursor = encode_cursor(Cursor{std::nullopt, token, end});
  return page;
}

Result<HotelierPage, Error> CouponService::list_own(const Principal& hotelier, const std::optional<std::string>& status,
                                                    const std::optional<std::string>& limit_text,
                                                    const std::optional<std::string>& cursor_text) {
  const auto hotel = coupons_.hotel_of_owner(hotelier.user_id);
  if (!hotel) return Failure{make_error(Errc::forbidden)};
  if (status && !parse_status(*status) && *status != "expired") {
    return Failure{field_error("status", "must be one of draft, active, paused, expired, archived")};
  }
  auto limit = parse_limit(limit_text);
  if (!limit) return Failure{limit.error()};
  auto after = id_after(cursor_text);
  if (!after) return Failure{after.error()};
  HotelierPage page;
  page.items = coupons_.list_for_hotel(hotel->id, status, now(), *after, *limit + 1);
  page.next_cursor = trim_page(page.items, *limit, [](const CouponWithStats& last) { return id_cursor(last.coupon.id); });
  return page;
}

Result<Coupon, Error> CouponService::set_image(const Principal& hotelier, std::string_view coupon_id,
                                               std::string_view bytes) {
  auto coupon = owned(hotelier, coupon_id);
  if (!coupon) return coupon;
  if (coupon->status == CouponStatus::archived) return Failure{make_error(Errc::archived)};
  auto key = media::store_image(objects_, "coupons", bytes);
  if (!key) return Failure{key.error()};
  const std::string previous = coupons_.set_image(coupon_id, *key, now());
  // The old image's key is no longer referenced; its URL was cached as immutable, so it is removed, not reused.
  media::remove_replaced(objects_, previous);
  return coupons_.find(coupon_id).value_or(*coupon);
}

}  // namespace hc::coupons
