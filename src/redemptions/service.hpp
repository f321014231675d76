#pragma once
// Claiming coupons, the traveller's wallet, and the front desk. Synchronous; handlers run it on the worker pool.
#include "core/failure_limiter.hpp"
#include "core/principal.hpp"
#include "coupons/repository.hpp"
#include "redemptions/repository.hpp"

namespace hc::redemptions {

struct WalletPage {
  std::vector<Redemption> items;
  std::optional<std::string> next_cursor;
};

struct AuditPage {
  std::vector<DeskEvent> items;
  std::optional<std::string> next_cursor;
};

//! A use can be undone by the same hotel for this long.
inline constexpr std::chrono::minutes kUndoWindow{10};

//! How many codes one claim draws before it gives up.
inline constexpr int kCodeAttempts = 5;

//! The traveller's claim of the coupon at `now`, with a new id and a newly drawn code.
ClaimRequest draw_claim(std::string_view user_id, std::string_view coupon_id, SysSeconds now);

//! What the traveller hears of the `attempt`-th try (from 1) of their claim, or nullopt when its code collided and
//! another is to be drawn.
std::optional<Result<Redemption, Error>> claim_answer(Result<Redemption, Errc> claimed, int attempt);

class RedemptionService {
 public:
  RedemptionService(RedemptionRepository& redemptions, coupons::CouponRepository& coupons,
                    FailureLimiter& desk_failures, NowFn now)
      : redemptions_(redemptions), coupons_(coupons), desk_failures_(desk_failures), now_(std::move(now)) {}

  //! A traveller claims a coupon and gets a code.
  Result<Redemption, Error> claim(const Principal& traveller, std::string_view coupon_id);
  //! The traveller's claimed coupons, newest first.
  Result<WalletPage, Error> wallet(const Principal& traveller, const std::optional<std::string>& status,
                                   const std::optional<std::string>& limit, const std::optional<std::string>& cursor);
  //! One of the traveller's own redemptions (another's answers 404).
  Result<Redemption, Error> own(const Principal& traveller, std::string_view redemption_id);
  //! Cancels an unused claim; the unit goes back to the coupon.
  Result<Redemption, Error> cancel(const Principal& traveller, std::string_view redemption_id);
  //! What a typed code is at this hotel, without changing it.
  Result<Redemption, Error> lookup(const Principal& hotelier, std::string_view typed_code,
                                   std::string_view client_address);
  //! Marks a code used, once.
  Result<Redemption, Error> use(const Principal& hotelier, std::string_view typed_code, std::string_view client_address);
  //! Undoes a use of this hotel within kUndoWindow, with a reason.
  Result<Redemption, Error> undo(const Principal& hotelier, std::string_view redemption_id, std::string_view reason,
                                 std::string_view client_address);
  //! The hotel's desk audit log, newest first.
  Result<AuditPage, Error> audit(const Principal& hotelier, const std::optional<std::string>& limit,
                                 const std::optional<std::string>& cursor);
  [[nodiscard]] SysSeconds now() const { return to_seconds(now_()); }

 private:
  //! The hotelier's hotel and the code they typed, unless throttled or the code is not a code; the attempt
  //! counts as a wrong code until settle().
  Result<std::pair<std::string, std::string>, Error> desk_request(const Principal& hotelier,
                                                                  std::string_view typed_code,
                                                                  std::string_view client_address);
  //! The attempt was a live code of this hotel: it does not count towards the wrong-code limit.
  void settle(const Principal& hotelier, std::string_view client_address);

  RedemptionRepository& redemptions_;
  coupons::CouponRepository& coupons_;
  FailureLimiter& desk_failures_;
  NowFn now_;
};

}  // namespace hc::redemptions
