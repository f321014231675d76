#include "storage/postgres/idempotency_store.hpp"

#include "storage/postgres/error.hpp"

#include <optional>

namespace hc::postgres {
namespace {

using Outcome = net::IdempotencyBegin::Outcome;

// How often begin() looks again when the key it collided with was abandoned before it could read it.
constexpr int kAttempts = 3;

net::IdempotencyBegin answer(Outcome outcome) {
  net::IdempotencyBegin result;
  result.outcome = outcome;
  return result;
}

// What became of the earlier request with this key, or nullopt if it has just been forgotten.
std::optional<net::IdempotencyBegin> earlier(Connection& db, std::string_view owner, std::string_view key,
                                             std::string_view fingerprint) {
  const auto found = db.exec(
      "SELECT fingerprint, status, content_type, body FROM idempotency_keys WHERE owner = $1 AND key = $2", owner, key);
  if (found.rows() == 0) return std::nullopt;
  if (found.text(0, 0) != fingerprint) return answer(Outcome::mismatch);
  if (found.is_null(0, 1)) return answer(Outcome::in_flight);
  return net::IdempotencyBegin{Outcome::replay, static_cast<unsigned>(found.int64(0, 1)), found.text(0, 2),
                               found.text(0, 3)};
}

}  // namespace

net::IdempotencyBegin PostgresIdempotencyStore::begin(std::string_view owner, std::string_view key,
                                                      std::string_view fingerprint, SysSeconds now) {
  auto db = pool_.acquire();
  const std::string expired_before = to_rfc3339(now - net::kIdempotencyKeyLifetime);
  // Keys older than their lifetime are forgotten first, a batch at a time and skipping rows another request holds,
  // so that concurrent requests never wait on each other's sweep (an index on created_at keeps it cheap).
  db->exec(
      "DELETE FROM idempotency_keys WHERE (owner, key) IN (SELECT owner, key FROM idempotency_keys "
      "WHERE created_at < $1 LIMIT 100 FOR UPDATE SKIP LOCKED)",
      expired_before);
  for (int attempt = 1;; ++attempt) {
    Transaction transaction(*db);
    // This key, if expired, whatever the sweep skipped.
    db->exec("DELETE FROM idempotency_keys WHERE owner = $1 AND key = $2 AND created_at < $3", owner, key,
             expired_before);
    // Claiming is the insert itself: a concurrent claim of the same key waits for this one to commit and then
    // inserts nothing, and reads the key in flight.
    const auto claimed = db->exec(
        "INSERT INTO idempotency_keys (owner, key, fingerprint, created_at) VALUES ($1, $2, $3, $4) "
        "ON CONFLICT (owner, key) DO NOTHING",
        owner, key, fingerprint, to_rfc3339(now));
    if (claimed.affected_rows() == 1) {
      transaction.commit();
      return {};
    }
    if (auto found = earlier(*db, owner, key, fingerprint)) {
      transaction.commit();
      return *found;
    }
    // The earlier request was abandoned between the insert and the read: claim the key again.
    if (attempt == kAttempts) throw Error(ErrorKind::other, "an idempotency key kept changing while it was claimed");
  }
}

void PostgresIdempotencyStore::finish(std::string_view owner, std::string_view key, unsigned status,
                                      std::string_view content_type, std::string_view body) {
  auto db = pool_.acquire();
  db->exec("UPDATE idempotency_keys SET status = $1, content_type = $2, body = $3 WHERE owner = $4 AND key = $5",
           std::int64_t{status}, content_type, body, owner, key);
}

void PostgresIdempotencyStore::abandon(std::string_view owner, std::string_view key) {
  auto db = pool_.acquire();
  db->exec("DELETE FROM idempotency_keys WHERE owner = $1 AND key = $2", owner, key);
}

}  // namespace hc::postgres
