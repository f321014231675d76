#pragma once
// What claiming and the front desk need from storage. Each method is one atomic operation (one
// transaction); calls block and are made from the worker pool.
#include "core/error.hpp"
#include "core/result.hpp"
#include "notifications/model.hpp"
#include "redemptions/model.hpp"

#include <functional>
#include <optional>
#include <string>
#include <vector>

namespace hc::redemptions {

struct ClaimRequest {
  std::string redemption_id;
  std::string coupon_id;
  std::string user_id;
  std::string code;
  SysSeconds now{};
};

struct UseRequest {
  std::string code;
  //! The event a use causes (the guest is told); stored in the use's transaction.
  std::function<notifications::OutboxEvent(const Redemption&)> announce;
  std::string hotel_id;
  std::string actor_id;
  std::string client_address;
  std::string event_id;
  SysSeconds now{};
};

class RedemptionRepository {
 public:
  virtual ~RedemptionRepository() = default;

  //! The claims in order, in one transaction (one commit for them all), each with the outcome it would have had
  //! alone in that order: it checks the coupon is active, started, unexpired, not sold out and the traveller under
  //! the per-user limit; takes one unit; stores the redemption; queues a "claim" interaction; and makes the
  //! traveller follow the hotel (unless they unfollowed it before). Errc::code_taken if the code collides with a
  //! stored one or an earlier one of the batch (the caller draws another). A refused claim leaves nothing behind.
  virtual std::vector<Result<Redemption, Errc>> claim_all(const std::vector<ClaimRequest>& requests) = 0;
  //! One claim alone: claim_all of one.
  Result<Redemption, Errc> claim(const ClaimRequest& request) { return std::move(claim_all({request}).front()); }
  //! A redemption with its coupon.
  virtual std::optional<Redemption> find(std::string_view redemption_id) = 0;
  //! A traveller's redemptions, newest first, optionally of one status, after the keyset cursor.
  virtual std::vector<Redemption> list_for_user(std::string_view user_id, std::optional<RedemptionStatus> status,
                                                const std::optional<std::string>& after_id, std::size_t limit) = 0;
  //! Cancels an unused claim of the traveller and gives the unit back; Errc::not_found or Errc::already_used.
  virtual Result<Redemption, Errc> cancel(std::string_view redemption_id, std::string_view user_id,
                                          SysSeconds now) = 0;
  //! The live redemption of this hotel with this code (any status but cancelled).
  virtual std::optional<Redemption> find_by_code(std::string_view code, std::string_view hotel_id) = 0;
  //! Marks the code used once, with an audit line; Errc::already_used (the stored one is returned in `used`).
  virtual Result<Redemption, Errc> use(const UseRequest& request, std::optional<Redemption>& used) = 0;
  //! Undoes a use by the same hotel within the window, with an audit line and the reason.
  virtual Result<Redemption, Errc> undo_use(std::string_view redemption_id, const UseRequest& request,
                                            std::string_view reason, std::chrono::seconds window) = 0;
  //! A hotel's desk audit log, newest first.
  virtual std::vector<DeskEvent> audit_log(std::string_view hotel_id, const std::optional<std::string>& after_id,
                                           std::size_t limit) = 0;
};

}  // namespace hc::redemptions
