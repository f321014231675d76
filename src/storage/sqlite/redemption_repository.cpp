#include "storage/sqlite/redemption_repository.hpp"

#include "redemptions/claim_rules.hpp"
#include "storage/sqlite/error.hpp"
#include "storage/sqlite/interaction_repository.hpp"
#include "storage/sqlite/notification_repository.hpp"
#include "storage/sqlite/rows.hpp"

namespace hc::sqlite {
namespace {

using redemptions::Redemption;
using redemptions::RedemptionStatus;

const std::string& select_redemption() {
  static const std::string kSql =
      "SELECT r.id, r.code, r.status, r.user_id, u.name, r.redeemed_at, r.used_at, r.used_by, r.cancelled_at, "
      "ub.name, " +
      std::string(kCouponColumns) +
      " FROM redemptions r JOIN users u ON u.id = r.user_id JOIN coupons c ON c.id = r.coupon_id"
      " JOIN hotels h ON h.id = c.hotel_id LEFT JOIN users ub ON ub.id = r.used_by ";
  return kSql;
}

Redemption read_redemption(Statement& row) {
  Redemption r;
  r.id = row.text(0);
  r.code = row.text(1);
  r.status = redemptions::parse_status(row.text(2)).value_or(RedemptionStatus::redeemed);
  r.user_id = row.text(3);
  r.guest_name = row.text(4);
  r.redeemed_at = time_column(row, 5);
  r.used_at = optional_time_column(row, 6);
  r.used_by = row.optional_text(7);
  r.cancelled_at = optional_time_column(row, 8);
  r.used_by_name = row.optional_text(9);
  r.coupon = read_coupon(row, 10);
  return r;
}

std::optional<Redemption> find_where(Connection& db, std::string_view condition, std::string_view a,
                                     std::string_view b = {}) {
  Statement& query = db.prepare(select_redemption() + std::string(condition));
  query.bind(1, a);
  if (!b.empty()) query.bind(2, b);
  if (!query.step()) return std::nullopt;
  Redemption found = read_redemption(query);
  query.reset();
  return found;
}

// The reason a coupon cannot be claimed now by this traveller, if any; asked under the write lock, so it is exact
// until the claim's own writes.
std::optional<Errc> claim_refusal(Connection& db, const redemptions::ClaimRequest& request) {
  Statement& coupon = db.prepare(
      "SELECT status, valid_from, valid_until, quantity IS NOT NULL AND redeemed_count >= quantity, "
      "(SELECT count(*) FROM redemptions WHERE coupon_id = c.id AND user_id = ? AND status <> 'cancelled') "
      ">= per_user_limit FROM coupons c WHERE id = ?");
  coupon.bind_all(request.user_id, request.coupon_id);
  if (!coupon.step()) return Errc::not_found;
  const std::string status = coupon.text(0);
  const redemptions::ClaimableCoupon claimable{status, time_column(coupon, 1), time_column(coupon, 2),
                                               coupon.int64(3) != 0, coupon.int64(4) != 0};
  coupon.reset();
  return redemptions::claim_refusal(claimable, request.now);
}

void follow_after_claim(Connection& db, std::string_view user_id, std::string_view coupon_id, SysSeconds now) {
  // An explicit unfollow is remembered (the row stays as 'unfollowed'), so this never overrides it.
  db.prepare(
        "INSERT INTO subscriptions (user_id, hotel_id, state, source, since, after_event) "
        "SELECT ?, hotel_id, 'following', 'redeem', ?, (SELECT coalesce(max(seq), 0) FROM outbox) "
        "FROM coupons WHERE id = ? ON CONFLICT (user_id, hotel_id) DO NOTHING")
      .bind_all(user_id, to_rfc3339(now), coupon_id)
      .run();
}

void record_desk_event(Connection& db, const redemptions::UseRequest& request, std::string_view redemption_id,
                       std::string_view action, std::string_view reason) {
  db.prepare(
        "INSERT INTO desk_events (id, hotel_id, redemption_id, action, actor_id, client_address, reason, at) "
        "VALUES (?, ?, ?, ?, ?, ?, ?, ?)")
      .bind_all(request.event_id, request.hotel_id, redemption_id, action, request.actor_id, request.client_address,
                reason, to_rfc3339(request.now))
      .run();
}

// One claim inside the caller's transaction. Every check comes before the first write, and a colliding code fails
// the first write alone (SQLite undoes just that statement), so a refused claim leaves nothing of itself behind.
Result<Redemption, Errc> claim_one(Connection& db, const redemptions::ClaimRequest& request) {
  if (auto refusal = claim_refusal(db, request)) return Failure{*refusal};
  try {
    db.prepare(
          "INSERT INTO redemptions (id, coupon_id, hotel_id, user_id, code, status, redeemed_at) "
          "SELECT ?, id, hotel_id, ?, ?, 'redeemed', ? FROM coupons WHERE id = ?")
        .bind_all(request.redemption_id, request.user_id, request.code, to_rfc3339(request.now), request.coupon_id)
        .run();
  } catch (const Error& e) {
    if (e.is_unique_violation()) return Failure{Errc::code_taken};
    throw;
  }
  // claim_refusal found a unit left, and nothing else can write before this transaction ends.
  db.prepare("UPDATE coupons SET redeemed_count = redeemed_count + 1 WHERE id = ?").bind(1, request.coupon_id).run();
  follow_after_claim(db, request.user_id, request.coupon_id, request.now);
  queue_interaction(db, request.coupon_id, "claim", request.now);
  return std::move(*find_where(db, "WHERE r.id = ?", request.redemption_id));
}

}  // namespace

std::vector<Result<Redemption, Errc>> SqliteRedemptionRepository::claim_all(
    const std::vector<redemptions::ClaimRequest>& requests) {
  auto db = pool_.acquire();
  // IMMEDIATE: every claim of every coupon is serialised by SQLite's write lock, so each claim's checks and writes
  // see the state the claims before it (in this batch and in earlier transactions) left.
  Transaction transaction(*db);
  auto claimed = redemptions::claim_in_order(requests, [&](const auto& request) { return claim_one(*db, request); });
  transaction.commit();
  return claimed;
}

std::optional<Redemption> SqliteRedemptionRepository::find(std::string_view redemption_id) {
  auto db = pool_.acquire();
  return find_where(*db, "WHERE r.id = ?", redemption_id);
}

std::vector<Redemption> SqliteRedemptionRepository::list_for_user(std::string_view user_id,
                                                                  std::optional<RedemptionStatus> status,
                                                                  const std::optional<std::string>& after_id,
                                                                  std::size_t limit) {
  auto db = pool_.acquire();
  const std::optional<std::string> status_text =
      status ? std::optional<std::string>(redemptions::to_string(*status)) : std::nullopt;
  Statement& query = db->prepare(select_redemption() +
                                 "WHERE r.user_id = ?1 AND (?2 IS NULL OR r.status = ?2) AND (?3 IS NULL OR r.id < ?3) "
                                 "ORDER BY r.id DESC LIMIT ?4");
  query.bind_all(user_id, status_text, after_id, static_cast<std::int64_t>(limit));
  std::vector<Redemption> found;
  while (query.step()) found.push_back(read_redemption(query));
  return found;
}

Result<Redemption, Errc> SqliteRedemptionRepository::cancel(std::string_view redemption_id, std::string_view user_id,
                                                            SysSeconds now) {
  auto db = pool_.acquire();
  Transaction transaction(*db);
  auto current = find_where(*db, "WHERE r.id = ?1 AND r.user_id = ?2", redemption_id, user_id);
  if (!current) return Failure{Errc::not_found};
  if (current->status == RedemptionStatus::used) return Failure{Errc::already_used};
  if (current->status == RedemptionStatus::cancelled) return Failure{Errc::already_cancelled};
  db->prepare("UPDATE redemptions SET status = 'cancelled', cancelled_at = ? WHERE id = ?")
      .bind_all(to_rfc3339(now), redemption_id)
      .run();
  // The unit goes back to the coupon for someone else.
  db->prepare("UPDATE coupons SET redeemed_count = redeemed_count - 1 WHERE id = ? AND redeemed_count > 0")
      .bind(1, current->coupon.id)
      .run();
  auto cancelled = find_where(*db, "WHERE r.id = ?", redemption_id);
  transaction.commit();
  return std::move(*cancelled);
}

std::optional<Redemption> SqliteRedemptionRepository::find_by_code(std::string_view code, std::string_view hotel_id) {
  auto db = pool_.acquire();
  return find_where(*db, "WHERE r.code = ?1 AND r.hotel_id = ?2 AND r.status <> 'cancelled'", code, hotel_id);
}

Result<Redemption, Errc> SqliteRedemptionRepository::use(const redemptions::UseRequest& request,
                                                         std::optional<Redemption>& used) {
  auto db = pool_.acquire();
  Transaction transaction(*db);
  auto current = find_where(*db, "WHERE r.code = ?1 AND r.hotel_id = ?2 AND r.status <> 'cancelled'", request.code,
                            request.hotel_id);
  if (!current) return Failure{Errc::invalid_code};
  if (current->status == RedemptionStatus::used) {
    used = std::move(current);
    return Failure{Errc::already_used};
  }
  db->prepare("UPDATE redemptions SET status = 'used', used_at = ?, used_by = ? WHERE id = ? AND status = 'redeemed'")
      .bind_all(to_rfc3339(request.now), request.actor_id, current->id)
      .run();
  record_desk_event(*db, request, current->id, "use", "");
  auto marked = find_where(*db, "WHERE r.id = ?", current->id);
  if (request.announce) append_outbox(*db, request.announce(*marked), request.now);
  queue_interaction(*db, marked->coupon.id, "use", request.now);
  transaction.commit();
  return std::move(*marked);
}

Result<Redemption, Errc> SqliteRedemptionRepository::undo_use(std::string_view redemption_id,
                                                              const redemptions::UseRequest& request,
                                                              std::string_view reason, std::chrono::seconds window) {
  auto db = pool_.acquire();
  Transaction transaction(*db);
  auto current = find_where(*db, "WHERE r.id = ?1 AND r.hotel_id = ?2", redemption_id, request.hotel_id);
  if (!current) return Failure{Errc::not_found};
  if (current->status != RedemptionStatus::used || !current->used_at) return Failure{Errc::not_used};
  if (request.now > *current->used_at + window) return Failure{Errc::undo_window_passed};
  db->prepare("UPDATE redemptions SET status = 'redeemed', used_at = NULL, used_by = NULL WHERE id = ?")
      .bind(1, redemption_id)
      .run();
  record_desk_event(*db, request, redemption_id, "undo", reason);
  auto restored = find_where(*db, "WHERE r.id = ?", redemption_id);
  transaction.commit();
  return std::move(*restored);
}

std::vector<redemptions::DeskEvent> SqliteRedemptionRepository::audit_log(std::string_view hotel_id,
                                                                         const std::optional<std::string>& after_id,
                                                                         std::size_t limit) {
  auto db = pool_.acquire();
  Statement& query = db->prepare(
      "SELECT e.id, e.redemption_id, r.status, c.id, c.title, g.name, e.action, e.actor_id, u.name, "
      "e.client_address, e.reason, e.at "
      "FROM desk_events e JOIN users u ON u.id = e.actor_id JOIN redemptions r ON r.id = e.redemption_id "
      "JOIN coupons c ON c.id = r.coupon_id JOIN users g ON g.id = r.user_id "
      "WHERE e.hotel_id = ?1 AND (?2 IS NULL OR e.id < ?2) ORDER BY e.id DESC LIMIT ?3");
  query.bind_all(hotel_id, after_id, static_cast<std::int64_t>(limit));
  std::vector<redemptions::DeskEvent> events;
  while (query.step()) {
    events.push_back({query.text(0), query.text(1), query.text(2), query.text(3), query.text(4), query.text(5),
                      query.text(6), query.text(7), query.text(8), query.text(9), query.text(10),
                      time_column(query, 11)});
  }
  return events;
}

}  // namespace hc::sqlite
