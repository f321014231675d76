#include "storage/sqlite/idempotency_store.hpp"

namespace hc::sqlite {

net::IdempotencyBegin SqliteIdempotencyStore::begin(std::string_view owner, std::string_view key,
                                                    std::string_view fingerprint, SysSeconds now) {
  using Outcome = net::IdempotencyBegin::Outcome;
  auto db = pool_.acquire();
  Transaction transaction(*db);
  // Keys older than their lifetime are forgotten here, before any lookup (an index on created_at keeps it cheap).
  const std::string expired_before = to_rfc3339(now - net::kIdempotencyKeyLifetime);
  db->prepare("DELETE FROM idempotency_keys WHERE created_at < ?").bind(1, expired_before).run();
  Statement& found = db->prepare(
      "SELECT fingerprint, status, content_type, body FROM idempotency_keys WHERE owner = ? AND key = ?");
  found.bind_all(owner, key);
  net::IdempotencyBegin result;
  if (found.step()) {
    if (found.text(0) != fingerprint) result.outcome = Outcome::mismatch;
    else if (found.is_null(1)) result.outcome = Outcome::in_flight;
    else result = {Outcome::replay, static_cast<unsigned>(found.int64(1)), found.text(2), found.text(3)};
    found.reset();
    transaction.commit();
    return result;
  }
  found.reset();
  db->prepare("INSERT INTO idempotency_keys (owner, key, fingerprint, created_at) VALUES (?, ?, ?, ?)")
      .bind_all(owner, key, fingerprint, to_rfc3339(now))
      .run();
  transaction.commit();
  return result;
}

void SqliteIdempotencyStore::finish(std::string_view owner, std::string_view key, unsigned status,
                                    std::string_view content_type, std::string_view body) {
  auto db = pool_.acquire();
  db->prepare("UPDATE idempotency_keys SET status = ?, content_type = ?, body = ? WHERE owner = ? AND key = ?")
      .bind_all(std::int64_t{status}, content_type, body, owner, key)
      .run();
}

void SqliteIdempotencyStore::abandon(std::string_view owner, std::string_view key) {
  auto db = pool_.acquire();
  db->prepare("DELETE FROM idempotency_keys WHERE owner = ? AND key = ?").bind_all(owner, key).run();
}

}  // namespace hc::sqlite
