#pragma once
// Writes that several PostgreSQL repositories make inside their own transaction: an event for the outbox, an
// interaction for the counters, and the point from which a new follower hears a hotel's events.
//
// Follows and events must be ordered exactly: a follower hears the events after `after_event`, the newest outbox
// sequence number when the follow committed. Unlike SQLite's, PostgreSQL's writers run at once and take sequence
// numbers before they commit, so a follow could read a newer number than an event still in flight and miss it.
// One transaction-level advisory lock orders them: an event is appended under the lock shared (events do not wait
// for each other), and a follow reads the newest number under it exclusively, so every event with a lower number
// has committed and every later one gets a higher number. A transaction that both follows and appends must follow
// first (taking the exclusive lock before it holds the shared one), or two such transactions could deadlock.
#include "core/time.hpp"
#include "notifications/model.hpp"
#include "storage/postgres/connection.hpp"

#include <cstdint>
#include <string_view>

namespace hc::postgres {

//! Adds an event to the outbox, inside the caller's transaction.
void append_outbox(Connection& db, const notifications::OutboxEvent& event, SysSeconds now);

//! The newest outbox sequence number, for a follow made inside the caller's transaction (see above).
std::int64_t newest_event_for_follow(Connection& db);

//! Queues `count` identical interactions inside the caller's transaction; those the server records itself (a claim,
//! a use) are one each.
void queue_interaction(Connection& db, std::string_view coupon_id, std::string_view action, SysSeconds at,
                       std::int64_t count = 1);

}  // namespace hc::postgres
