#include "coupons/rules.hpp"

#include "core/text.hpp"

#include <algorithm>

namespace hc::coupons {
namespace {

constexpr std::string_view kWhenFormat = "must be a date (YYYY-MM-DD, in the hotel's time zone) or a UTC time "
                                         "(YYYY-MM-DDTHH:MM:SSZ), in the years 2000 to 2199";

class Issues {
 public:
  void add(std::string_view field, std::string message) { list_.push_back({std::string(field), std::move(message)}); }
  std::vector<FieldIssue> take() { return std::move(list_); }

 private:
  std::vector<FieldIssue> list_;
};

void apply_text(Issues& issues, std::string_view field, const std::optional<std::string>& given, std::string& out,
                std::size_t min, std::size_t max, Lines lines) {
  if (!given) return;
  const std::string_view text = trim_spaces(*given);
  if (auto problem = length_violation(text, min, max, lines)) return issues.add(field, std::move(*problem));
  out = std::string(text);
}

template <class Int>
void apply_int(Issues& issues, std::string_view field, const std::optional<std::int64_t>& given, Int& out,
               std::int64_t min, std::int64_t max) {
  if (!given) return;
  if (*given < min || *given > max) {
    return issues.add(field, "must be a whole number from " + std::to_string(min) + " to " + std::to_string(max));
  }
  out = static_cast<Int>(*given);
}

// Coupons are about stays in this century or the next; the bound also keeps every stored time four digits wide.
bool in_supported_years(LocalDate day) { return day.year() >= std::chrono::year{2000} && day.year() <= std::chrono::year{2199}; }

// A date is the start (or end) of that day in the hotel's time zone; an instant is taken as given.
std::optional<SysSeconds> resolve_bound(const std::string& text, const std::string& zone, bool end_of_day) {
  std::optional<SysSeconds> instant;
  if (auto day = parse_iso_date(text)) instant = end_of_day ? end_of_local_day(zone, *day) : start_of_local_day(zone, *day);
  else instant = parse_rfc3339(text);
  if (!instant || !in_supported_years(LocalDate{std::chrono::floor<std::chrono::days>(*instant)})) return std::nullopt;
  return instant;
}

void apply_validity(Issues& issues, Coupon& coupon, const ValidityInput& input, bool creating, SysSeconds now) {
  const std::string& zone = coupon.hotel.timezone;
  if (input.valid_from) {
    if (auto from = resolve_bound(*input.valid_from, zone, false)) coupon.valid_from = *from;
    else issues.add("valid_from", std::string(kWhenFormat));
  } else if (creating) {
    coupon.valid_from = now;
  }
  if (input.valid_until) {
    if (auto until = resolve_bound(*input.valid_until, zone, true)) coupon.valid_until = *until;
    else issues.add("valid_until", std::string(kWhenFormat));
  } else if (creating) {
    issues.add("valid_until", "is required");
  }
  if (coupon.valid_from >= coupon.valid_until && (input.valid_from || input.valid_until)) {
    issues.add("valid_until", "must be after valid_from");
  }
  coupon.valid_from_date = local_date(zone, coupon.valid_from).value_or(LocalDate{});
  coupon.valid_until_date = local_date(zone, coupon.valid_until).value_or(LocalDate{});
}

void apply_stay(Issues& issues, Coupon& coupon, const CouponDraft& draft) {
  if (draft.clear_stay) {
    coupon.stay_from.reset();
    coupon.stay_until.reset();
    return;
  }
  if (!draft.stay_from && !draft.stay_until) return;
  bool parsed = true;
  for (const auto& [field, given, out] : {std::tuple{"stay_from", &draft.stay_from, &coupon.stay_from},
                                          std::tuple{"stay_until", &draft.stay_until, &coupon.stay_until}}) {
    if (!*given) continue;
    if (auto day = parse_iso_date(**given); day && in_supported_years(*day)) {
      *out = *day;
    } else {
      issues.add(field, "must be a date (YYYY-MM-DD) in the years 2000 to 2199");
      parsed = false;
    }
  }
  if (!parsed) return;
  if (!coupon.stay_from || !coupon.stay_until) {
    issues.add(coupon.stay_from ? "stay_until" : "stay_from", "is required with the other end of the stay window");
  } else if (*coupon.stay_from > *coupon.stay_until) {
    issues.add("stay_until", "must be on or after stay_from");
  }
}

}  // namespace

std::string_view to_string(CouponStatus status) {
  switch (status) {
    case CouponStatus::draft: return "draft";
    case CouponStatus::active: return "active";
    case CouponStatus::paused: return "paused";
    case CouponStatus::archived: return "archived";
  }
  return "draft";
}

std::optional<CouponStatus> parse_status(std::string_view text) {
  for (CouponStatus status : {CouponStatus::draft, CouponStatus::active, CouponStatus::paused, CouponStatus::archived}) {
    if (to_string(status) == text) return status;
  }
  return std::nullopt;
}

std::vector<FieldIssue> apply_draft(Coupon& coupon, const CouponDraft& draft, bool creating, SysSeconds now) {
  Issues issues;
  if (creating && !draft.title) issues.add("title", "is required");
  apply_text(issues, "title", draft.title, coupon.title, 3, 120, Lines::one);
  apply_text(issues, "description", draft.description, coupon.description, 0, kMaxTextLength, Lines::many);
  apply_text(issues, "terms", draft.terms, coupon.terms, 0, kMaxTextLength, Lines::many);
  if (creating && !draft.discount_percent) issues.add("discount_percent", "is required");
  apply_int(issues, "discount_percent", draft.discount_percent, coupon.discount_percent, 1, 100);
  if (draft.clear_quantity) {
    coupon.quantity.reset();
  } else if (draft.quantity) {
    std::int64_t quantity = 0;
    apply_int(issues, "quantity", draft.quantity, quantity, 1, kMaxQuantity);
    if (quantity > 0) coupon.quantity = quantity;
  }
  apply_int(issues, "per_user_limit", draft.per_user_limit, coupon.per_user_limit, 1, kMaxPerUserLimit);
  apply_validity(issues, coupon, draft.validity, creating, now);
  apply_stay(issues, coupon, draft);
  if (draft.status && !parse_status(*draft.status)) {
    issues.add("status", "must be one of draft, active, paused, archived");
  } else if (creating && draft.status && *draft.status != "draft" && *draft.status != "active") {
    issues.add("status", "a new coupon is draft or active");
  }
  return issues.take();
}

std::string_view visible_status(const Coupon& coupon, SysSeconds now) {
  const bool live = coupon.status == CouponStatus::active || coupon.status == CouponStatus::paused;
  return live && now > coupon.valid_until ? "expired" : to_string(coupon.status);
}

Result<Ok, Error> check_transition(const Coupon& coupon, CouponStatus to, SysSeconds now) {
  const CouponStatus from = coupon.status;
  if (from == to) return Ok{};
  if (from == CouponStatus::archived) return Failure{make_error(Errc::archived)};
  if (to == CouponStatus::archived) return Ok{};
  const bool allowed = (from == CouponStatus::draft && to == CouponStatus::active) ||
                       (from == CouponStatus::active && to == CouponStatus::paused) ||
                       (from == CouponStatus::paused && to == CouponStatus::active);
  if (!allowed) {
    Error error = make_error(Errc::invalid_transition);
    error.message = "A " + std::string(to_string(from)) + " coupon cannot become " + std::string(to_string(to));
    return Failure{std::move(error)};
  }
  if (to == CouponStatus::active && now > coupon.valid_until) {
    Error error = make_error(Errc::expired);
    error.message = "This coupon's validity has ended; move valid_until forward to activate it";
    return Failure{std::move(error)};
  }
  return Ok{};
}

std::optional<std::int64_t> remaining(const Coupon& coupon) {
  if (!coupon.quantity) return std::nullopt;
  return std::max<std::int64_t>(0, *coupon.quantity - coupon.redeemed_count);
}

}  // namespace hc::coupons
