#include "storage/postgres/events.hpp"

namespace hc::postgres {
namespace {

// The advisory lock that orders follows and events; any constant no other lock of the schema uses.
constexpr std::int64_t kOutboxOrderLock = 0x68632D6F7574;  // "hc-out"

}  // namespace

void append_outbox(Connection& db, const notifications::OutboxEvent& event, SysSeconds now) {
  db.exec("SELECT pg_advisory_xact_lock_shared($1::bigint)", kOutboxOrderLock);
  db.exec("INSERT INTO outbox (id, kind, payload, created_at) VALUES ($1, $2, $3, $4)", event.id, event.kind,
          event.payload, to_rfc3339(now));
}

std::int64_t newest_event_for_follow(Connection& db) {
  db.exec("SELECT pg_advisory_xact_lock($1::bigint)", kOutboxOrderLock);
  return db.exec("SELECT coalesce(max(seq), 0) FROM outbox").int64(0, 0);
}

void queue_interaction(Connection& db, std::string_view coupon_id, std::string_view action, SysSeconds at,
                       std::int64_t count) {
  db.exec("INSERT INTO interaction_queue (coupon_id, action, at, count) VALUES ($1, $2, $3, $4::integer)", coupon_id,
          action, to_rfc3339(at), count);
}

}  // namespace hc::postgres
