#include "storage/postgres/redemption_repository.hpp"

#include "redemptions/claim_rules.hpp"
#include "storage/postgres/events.hpp"
#include "storage/postgres/rows.hpp"

#include <algorithm>

namespace hc::postgres {
namespace {

using redemptions::Redemption;
using redemptions::RedemptionStatus;
using Claimed = hc::Result<Redemption, Errc>;

const std::string& select_redemption() {
  static const std::string kSql =
      "SELECT r.id, r.code, r.status, r.user_id, u.name, r.redeemed_at, r.used_at, r.used_by, r.cancelled_at, "
      "ub.name, " +
      std::string(kCouponColumns) +
      " FROM redemptions r JOIN users u ON u.id = r.user_id JOIN coupons c ON c.id = r.coupon_id"
      " JOIN hotels h ON h.id = c.hotel_id LEFT JOIN users ub ON ub.id = r.used_by ";
  return kSql;
}

Redemption read_redemption(const Result& rows, int row) {
  Redemption r;
  r.id = rows.text(row, 0);
  r.code = rows.text(row, 1);
  r.status = redemptions::parse_status(rows.text(row, 2)).value_or(RedemptionStatus::redeemed);
  r.user_id = rows.text(row, 3);
  r.guest_name = rows.text(row, 4);
  r.redeemed_at = time_column(rows, row, 5);
  r.used_at = optional_time_column(rows, row, 6);
  r.used_by = rows.optional_text(row, 7);
  r.cancelled_at = optional_time_column(rows, row, 8);
  r.used_by_name = rows.optional_text(row, 9);
  r.coupon = read_coupon(rows, row, 10);
  return r;
}

template <class... Args>
std::optional<Redemption> find_where(Connection& db, std::string_view condition, const Args&... args) {
  const Result rows = db.exec(select_redemption() + std::string(condition), args...);
  if (rows.rows() == 0) return std::nullopt;
  return read_redemption(rows, 0);
}

// Locks the coupons a batch claims, in id order, before any claim of it reads or writes one: two batches over the
// same coupons then queue instead of deadlocking (a hotel rename locks its coupons in the same order). The follow's
// exclusive advisory lock (events.hpp) is only taken after, by the batch's first follow, as by a single claim.
void lock_coupons(Connection& db, const std::vector<redemptions::ClaimRequest>& requests) {
  std::vector<std::string> ids;
  ids.reserve(requests.size());
  for (const redemptions::ClaimRequest& request : requests) ids.push_back(request.coupon_id);
  std::ranges::sort(ids);
  // std::unique rather than std::ranges::unique, whose subrange clang 14 cannot use with libstdc++ 12.
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  // ORDER BY below FOR NO KEY UPDATE: the rows are locked as they come out of the sort.
  db.exec("SELECT id FROM coupons WHERE id = ANY($1::text[]) ORDER BY id FOR NO KEY UPDATE", text_array(ids));
}

// The reason a coupon cannot be claimed now by this traveller, if any; asked under the coupon's row lock, so the
// units and the traveller's claims it counts are exact until the claim's own writes.
std::optional<Errc> claim_refusal(Connection& db, const redemptions::ClaimRequest& request) {
  const Result coupon = db.exec(
      "SELECT status, valid_from, valid_until, (quantity IS NOT NULL AND redeemed_count >= quantity)::int, "
      "((SELECT count(*) FROM redemptions WHERE coupon_id = c.id AND user_id = $2 AND status <> 'cancelled') "
      ">= per_user_limit)::int FROM coupons c WHERE id = $1",
      request.coupon_id, request.user_id);
  if (coupon.rows() == 0) return Errc::not_found;
  const std::string status = coupon.text(0, 0);
  const redemptions::ClaimableCoupon claimable{status, time_column(coupon, 0, 1), time_column(coupon, 0, 2),
                                               coupon.int64(0, 3) != 0, coupon.int64(0, 4) != 0};
  return redemptions::claim_refusal(claimable, request.now);
}

void follow_after_claim(Connection& db, std::string_view user_id, std::string_view coupon_id, SysSeconds now) {
  // Any row (even 'unfollowed', an explicit unfollow that is remembered) means there is nothing to do; checking
  // first spares the outbox lock that newest_event_for_follow takes.
  const Result known = db.exec(
      "SELECT 1 FROM subscriptions s JOIN coupons c ON c.hotel_id = s.hotel_id WHERE c.id = $1 AND s.user_id = $2",
      coupon_id, user_id);
  if (known.rows() > 0) return;
  const std::int64_t after_event = newest_event_for_follow(db);
  db.exec(
      "INSERT INTO subscriptions (user_id, hotel_id, state, source, since, after_event) "
      "SELECT $1, hotel_id, 'following', 'redeem', $2, $3::bigint FROM coupons WHERE id = $4 "
      "ON CONFLICT (user_id, hotel_id) DO NOTHING",
      user_id, to_rfc3339(now), after_event, coupon_id);
}

void record_desk_event(Connection& db, const redemptions::UseRequest& request, std::string_view redemption_id,
                       std::string_view action, std::string_view reason) {
  db.exec(
      "INSERT INTO desk_events (id, hotel_id, redemption_id, action, actor_id, client_address, reason, at) "
      "VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
      request.event_id, request.hotel_id, redemption_id, action, request.actor_id, request.client_address, reason,
      to_rfc3339(request.now));
}

// One claim inside the caller's transaction, its coupon locked. Every check comes before the first write, and a
// colliding code inserts nothing (rather than failing, which would abort the whole transaction), so a refused
// claim leaves nothing of itself behind.
Claimed claim_one(Connection& db, const redemptions::ClaimRequest& request) {
  if (auto refusal = claim_refusal(db, request)) return Failure{*refusal};
  const Result inserted = db.exec(
      "INSERT INTO redemptions (id, coupon_id, hotel_id, user_id, code, status, redeemed_at) "
      "SELECT $1, id, hotel_id, $2, $3, 'redeemed', $4 FROM coupons WHERE id = $5 ON CONFLICT (code) DO NOTHING",
      request.redemption_id, request.user_id, request.code, to_rfc3339(request.now), request.coupon_id);
  if (inserted.affected_rows() != 1) return Failure{Errc::code_taken};
  // claim_refusal found a unit left, and the row lock keeps it until this transaction ends.
  db.exec("UPDATE coupons SET redeemed_count = redeemed_count + 1 WHERE id = $1", request.coupon_id);
  follow_after_claim(db, request.user_id, request.coupon_id, request.now);
  queue_interaction(db, request.coupon_id, "claim", request.now);
  return std::move(*find_where(db, "WHERE r.id = $1", request.redemption_id));
}

constexpr std::string_view kLiveByCode = "WHERE r.code = $1 AND r.hotel_id = $2 AND r.status <> 'cancelled'";

}  // namespace

std::vector<Claimed> PostgresRedemptionRepository::claim_all(const std::vector<redemptions::ClaimRequest>& requests) {
  auto db = pool_.acquire();
  Transaction transaction(*db);
  lock_coupons(*db, requests);
  auto claimed = redemptions::claim_in_order(requests, [&](const auto& request) { return claim_one(*db, request); });
  transaction.commit();
  return claimed;
}

std::optional<Redemption> PostgresRedemptionRepository::find(std::string_view redemption_id) {
  auto db = pool_.acquire();
  return find_where(*db, "WHERE r.id = $1", redemption_id);
}

std::vector<Redemption> PostgresRedemptionRepository::list_for_user(std::string_view user_id,
                                                                    std::optional<RedemptionStatus> status,
                                                                    const std::optional<std::string>& after_id,
                                                                    std::size_t limit) {
  auto db = pool_.acquire();
  const std::optional<std::string> status_text =
      status ? std::optional<std::string>(redemptions::to_string(*status)) : std::nullopt;
  const Result rows = db->exec(select_redemption() +
                                   "WHERE r.user_id = $1 AND ($2::text IS NULL OR r.status = $2::text) "
                                   "AND ($3::hc_key IS NULL OR r.id < $3::hc_key) ORDER BY r.id DESC LIMIT $4::bigint",
                               user_id, status_text, after_id, static_cast<std::int64_t>(limit));
  std::vector<Redemption> found;
  for (int row = 0; row < rows.rows(); ++row) found.push_back(read_redemption(rows, row));
  return found;
}

Claimed PostgresRedemptionRepository::cancel(std::string_view redemption_id, std::string_view user_id, SysSeconds now) {
  auto db = pool_.acquire();
  Transaction transaction(*db);
  // The row lock makes a racing use or cancel wait and then see this one's outcome.
  auto current = find_where(*db, "WHERE r.id = $1 AND r.user_id = $2 FOR NO KEY UPDATE OF r", redemption_id, user_id);
  if (!current) return Failure{Errc::not_found};
  if (current->status == RedemptionStatus::used) return Failure{Errc::already_used};
  if (current->status == RedemptionStatus::cancelled) return Failure{Errc::already_cancelled};
  db->exec("UPDATE redemptions SET status = 'cancelled', cancelled_at = $1 WHERE id = $2", to_rfc3339(now),
           redemption_id);
  // The unit goes back to the coupon for someone else.
  db->exec("UPDATE coupons SET redeemed_count = redeemed_count - 1 WHERE id = $1 AND redeemed_count > 0",
           current->coupon.id);
  auto cancelled = find_where(*db, "WHERE r.id = $1", redemption_id);
  transaction.commit();
  return std::move(*cancelled);
}

std::optional<Redemption> PostgresRedemptionRepository::find_by_code(std::string_view code, std::string_view hotel_id) {
  auto db = pool_.acquire();
  return find_where(*db, kLiveByCode, code, hotel_id);
}

Claimed PostgresRedemptionRepository::use(const redemptions::UseRequest& request, std::optional<Redemption>& used) {
  auto db = pool_.acquire();
  Transaction transaction(*db);
  // Of two desks racing, the second waits on the row lock and then finds the status changed: exactly one marks it.
  const Result marked_id = db->exec(
      "UPDATE redemptions SET status = 'used', used_at = $1, used_by = $2 "
      "WHERE code = $3 AND hotel_id = $4 AND status = 'redeemed' RETURNING id",
      to_rfc3339(request.now), request.actor_id, request.code, request.hotel_id);
  if (marked_id.rows() == 0) {
    auto current = find_where(*db, kLiveByCode, request.code, request.hotel_id);
    if (!current) return Failure{Errc::invalid_code};
    // Not 'redeemed' a moment ago: another desk used it (and perhaps undid that since).
    used = std::move(current);
    return Failure{Errc::already_used};
  }
  const std::string id = marked_id.text(0, 0);
  record_desk_event(*db, request, id, "use", "");
  auto marked = find_where(*db, "WHERE r.id = $1", id);
  if (request.announce) append_outbox(*db, request.announce(*marked), request.now);
  queue_interaction(*db, marked->coupon.id, "use", request.now);
  transaction.commit();
  return std::move(*marked);
}

Claimed PostgresRedemptionRepository::undo_use(std::string_view redemption_id, const redemptions::UseRequest& request,
                                               std::string_view reason, std::chrono::seconds window) {
  auto db = pool_.acquire();
  Transaction transaction(*db);
  auto current =
      find_where(*db, "WHERE r.id = $1 AND r.hotel_id = $2 FOR NO KEY UPDATE OF r", redemption_id, request.hotel_id);
  if (!current) return Failure{Errc::not_found};
  if (current->status != RedemptionStatus::used || !current->used_at) return Failure{Errc::not_used};
  if (request.now > *current->used_at + window) return Failure{Errc::undo_window_passed};
  db->exec("UPDATE redemptions SET status = 'redeemed', used_at = NULL, used_by = NULL WHERE id = $1", redemption_id);
  record_desk_event(*db, request, redemption_id, "undo", reason);
  auto restored = find_where(*db, "WHERE r.id = $1", redemption_id);
  transaction.commit();
  return std::move(*restored);
}

std::vector<redemptions::DeskEvent> PostgresRedemptionRepository::audit_log(std::string_view hotel_id,
                                                                            const std::optional<std::string>& after_id,
                                                                            std::size_t limit) {
  auto db = pool_.acquire();
  const Result rows = db->exec(
      "SELECT e.id, e.redemption_id, r.status, c.id, c.title, g.name, e.action, e.actor_id, u.name, "
      "e.client_address, e.reason, e.at "
      "FROM desk_events e JOIN users u ON u.id = e.actor_id JOIN redemptions r ON r.id = e.redemption_id "
      "JOIN coupons c ON c.id = r.coupon_id JOIN users g ON g.id = r.user_id "
      "WHERE e.hotel_id = $1 AND ($2::hc_key IS NULL OR e.id < $2::hc_key) ORDER BY e.id DESC LIMIT $3::bigint",
      hotel_id, after_id, static_cast<std::int64_t>(limit));
  std::vector<redemptions::DeskEvent> events;
  for (int row = 0; row < rows.rows(); ++row) {
    const auto text = [&rows, row](int column) { return rows.text(row, column); };
    events.push_back({text(0), text(1), text(2), text(3), text(4), text(5), text(6), text(7), text(8), text(9),
                      text(10), time_column(rows, row, 11)});
  }
  return events;
}

}  // namespace hc::postgres
