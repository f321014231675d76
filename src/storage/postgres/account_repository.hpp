#pragma once
// The accounts module's storage on PostgreSQL.
#include "auth/repository.hpp"
#include "storage/postgres/pool.hpp"

namespace hc::postgres {

class PostgresAccountRepository final : public auth::AccountRepository {
 public:
  explicit PostgresAccountRepository(ConnectionPool& pool) : pool_(pool) {}

  hc::Result<Ok, Errc> create_user(const auth::User& user) override;
  std::optional<auth::User> find_user_by_email(std::string_view email) override;
  std::optional<auth::User> find_user(std::string_view user_id) override;
  void update_password_hash(std::string_view user_id, std::string_view password_hash) override;
  std::int64_t count_users() override;
  void insert_refresh_token(const auth::RefreshToken& token) override;
  auth::Rotation rotate_refresh_token(std::string_view token_hash, auth::RefreshToken successor,
                                      SysSeconds now) override;
  bool revoke_family_of(std::string_view token_hash, std::string_view user_id, SysSeconds now) override;
  void revoke_all_families(std::string_view user_id, SysSeconds now) override;

 private:
  std::optional<auth::User> find_user_where(std::string_view column, std::string_view value);

  ConnectionPool& pool_;
};

}  // namespace hc::postgres
