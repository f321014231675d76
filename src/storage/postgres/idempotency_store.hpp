#pragma once
// Idempotency keys on PostgreSQL.
#include "net/idempotency.hpp"
#include "storage/postgres/pool.hpp"

namespace hc::postgres {

class PostgresIdempotencyStore final : public net::IdempotencyStore {
 public:
  explicit PostgresIdempotencyStore(ConnectionPool& pool) : pool_(pool) {}

  net::IdempotencyBegin begin(std::string_view owner, std::string_view key, std::string_view fingerprint,
                              SysSeconds now) override;
  void finish(std::string_view owner, std::string_view key, unsigned status, std::string_view content_type,
              std::string_view body) override;
  void abandon(std::string_view owner, std::string_view key) override;

 private:
  ConnectionPool& pool_;
};

}  // namespace hc::postgres
