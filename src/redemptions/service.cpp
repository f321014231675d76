#include "redemptions/service.hpp"

#include "core/paging.hpp"
#include "core/random.hpp"
#include "notifications/events.hpp"
#include "redemptions/code.hpp"

namespace hc::redemptions {
namespace {

std::string account_key(const Principal& hotelier) { return "desk:account:" + hotelier.user_id; }
std::string address_key(std::string_view address) { return "desk:address:" + std::string(address); }

}  // namespace

ClaimRequest draw_claim(std::string_view user_id, std::string_view coupon_id, SysSeconds now) {
  return {new_id(), std::string(coupon_id), std::string(user_id), generate_code(), now};
}

std::optional<Result<Redemption, Error>> claim_answer(Result<Redemption, Errc> claimed, int attempt) {
  if (claimed) return std::move(*claimed);
  // 55 random bits make a collision rare; draw another code rather than fail the traveller.
  if (claimed.error() != Errc::code_taken) return Failure{make_error(claimed.error())};
  if (attempt < kCodeAttempts) return std::nullopt;
  return Failure{make_error(Errc::internal)};
}

Result<Redemption, Error> RedemptionService::claim(const Principal& traveller, std::string_view coupon_id) {
  for (int attempt = 1;; ++attempt) {
    auto answer = claim_answer(redemptions_.claim(draw_claim(traveller.user_id, coupon_id, now())), attempt);
    if (answer) return std::move(*answer);
  }
}

Result<WalletPage, Error> RedemptionService::wallet(const Principal& traveller, const std::optional<std::string>& status,
                                                    const std::optional<std::string>& limit_text,
                                                    const std::optional<std::string>& cursor_text) {
  std::optional<RedemptionStatus> wanted;
  if (status) {
    wanted = parse_status(*status);
    if (!wanted) return Failure{field_error("status", "must be one of redeemed, used, cancelled")};
  }
  auto limit = parse_limit(limit_text);
  if (!limit) return Failure{limit.error()};
  auto after = id_after(cursor_text);
  if (!after) return Failure{after.error()};
  WalletPage page;
  page.items = redemptions_.list_for_user(traveller.user_id, wanted, *after, *limit + 1);
  page.next_cursor = trim_page(page.items, *limit, [](const Redemption& last) { return id_cursor(last.id); });
  return page;
}

Result<Redemption, Error> RedemptionService::own(const Principal& traveller, std::string_view redemption_id) {
  auto redemption = redemptions_.find(redemption_id);
  if (!redemption || redemption->user_id != traveller.user_id) return Failure{make_error(Errc::not_found)};
  return std::move(*redemption);
}

Result<Redemption, Error> RedemptionService::cancel(const Principal& traveller, std::string_view redemption_id) {
  auto cancelled = redemptions_.cancel(redemption_id, traveller.user_id, now());
  if (!cancelled) return Failure{make_error(cancelled.error())};
  return std::move(*cancelled);
}

Result<std::pair<std::string, std::string>, Error> RedemptionService::desk_request(const Principal& hotelier,
                                                                                   std::string_view typed_code,
                                                                                   std::string_view client_address) {
  const auto hotel = coupons_.hotel_of_owner(hotelier.user_id);
  if (!hotel) return Failure{make_error(Errc::forbidden)};
  // The attempt counts as a wrong code until the code proves right (settle), so a burst cannot outrun the limit.
  if (auto wait = begin_attempt(desk_failures_, {account_key(hotelier), address_key(client_address)}, now_())) {
    Error error = make_error(Errc::rate_limited);
    error.message = "Too many wrong codes; try again later";
    error.retry_after = *wait;
    return Failure{std::move(error)};
  }
  auto code = parse_code(typed_code);
  // The same answer for a malformed code, another hotel's code and a cancelled one: no oracle.
  if (!code) return Failure{make_error(Errc::invalid_code)};
  return std::pair{hotel->id, std::move(*code)};
}

void RedemptionService::settle(const Principal& hotelier, std::string_view client_address) {
  forgive(desk_failures_, {account_key(hotelier), address_key(client_address)});
}

Result<Redemption, Error> RedemptionService::lookup(const Principal& hotelier, std::string_view typed_code,
                                                    std::string_view client_address) {
  auto request = desk_request(hotelier, typed_code, client_address);
  if (!request) return Failure{request.error()};
  auto redemption = redemptions_.find_by_code(request->second, request->first);
  if (!redemption) return Failure{make_error(Errc::invalid_code)};
  settle(hotelier, client_address);
  return std::move(*redemption);
}

Result<Redemption, Error> RedemptionService::use(const Principal& hotelier, std::string_view typed_code,
                                                 std::string_view client_address) {
  auto request = desk_request(hotelier, typed_code, client_address);
  if (!request) return Failure{request.error()};
  std::optional<Redemption> earlier;
  auto used = redemptions_.use(UseRequest{request->second, notifications::coupon_used, request->first,
                                          hotelier.user_id, std::string(client_address), new_id(), now()},
                               earlier);
  if (!used && used.error() == Errc::invalid_code) return Failure{make_error(Errc::invalid_code)};
  settle(hotelier, client_address);  // a live code of this hotel, used now or before: not a guess
  if (used) return std::move(*used);
  Error error = make_error(used.error());
  if (used.error() == Errc::already_used && earlier && earlier->used_at) {
    const std::string by = earlier->used_by_name.value_or("another member of staff");
    error.message = "This code was already used at " + to_rfc3339(*earlier->used_at) + " by " + by;
    error.extra = {{"used_at", to_rfc3339(*earlier->used_at)}, {"used_by", by}};
  }
  return Failure{std::move(error)};
}

Result<Redemption, Error> RedemptionService::undo(const Principal& hotelier, std::string_view redemption_id,
                                                  std::string_view reason, std::string_view client_address) {
  const auto hotel = coupons_.hotel_of_owner(hotelier.user_id);
  if (!hotel) return Failure{make_error(Errc::forbidden)};
  const UseRequest request{{}, {}, hotel->id, hotelier.user_id, std::string(client_address), new_id(), now()};
  auto undone = redemptions_.undo_use(redemption_id, request, reason, kUndoWindow);
  if (!undone) return Failure{make_error(undone.error())};
  return std::move(*undone);
}

Result<AuditPage, Error> RedemptionService::audit(const Principal& hotelier, const std::optional<std::string>& limit_text,
                                                  const std::optional<std::string>& cursor_text) {
  const auto hotel = coupons_.hotel_of_owner(hotelier.user_id);
  if (!hotel) return Failure{make_error(Errc::forbidden)};
  auto limit = parse_limit(limit_text);
  if (!limit) return Failure{limit.error()};
  auto after = id_after(cursor_text);
  if (!after) return Failure{after.error()};
  AuditPage page;
  page.items = redemptions_.audit_log(hotel->id, *after, *limit + 1);
  page.next_cursor = trim_page(page.items, *limit, [](const DeskEvent& last) { return id_cursor(last.id); });
  return page;
}

}  // namespace hc::redemptions
