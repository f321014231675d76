#include "storage/postgres/account_repository.hpp"

#include "storage/postgres/rows.hpp"

namespace hc::postgres {
namespace {

constexpr std::string_view kSelectUser = R"sql(
SELECT u.id, u.email, u.name, u.role, u.password_hash, u.created_at,
       h.id, h.name, h.city, h.country, h.timezone, h.description, h.logo_key, h.created_at
FROM users u LEFT JOIN hotels h ON h.owner_id = u.id
)sql";

auth::User read_user(const Result& rows) {
  const auto text = [&](int column) { return rows.text(0, column); };
  auth::User user;
  user.id = text(0);
  user.email = text(1);
  user.name = text(2);
  user.role = parse_role(text(3)).value_or(Role::user);
  user.password_hash = text(4);
  user.created_at = time_column(rows, 0, 5);
  if (!rows.is_null(0, 6)) {
    user.hotel = auth::Hotel{
        text(6), user.id, text(7), text(8), text(9), text(10), text(11), text(12), time_column(rows, 0, 13)};
  }
  return user;
}

void insert_token(Connection& db, const auth::RefreshToken& token) {
  db.exec(
      "INSERT INTO refresh_tokens (id, family_id, user_id, token_hash, created_at, expires_at) "
      "VALUES ($1, $2, $3, $4, $5, $6)",
      token.id, token.family_id, token.user_id, token.token_hash, to_rfc3339(token.created_at),
      to_rfc3339(token.expires_at));
}

}  // namespace

hc::Result<Ok, Errc> PostgresAccountRepository::create_user(const auth::User& user) {
  auto db = pool_.acquire();
  Transaction transaction(*db);
  // DO NOTHING rather than catching the violation, which would abort the transaction; a concurrent insert of the
  // same e-mail makes this one wait for it and then do nothing.
  const auto inserted = db->exec(
      "INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES ($1, $2, $3, $4, $5, $6) "
      "ON CONFLICT DO NOTHING",
      user.id, user.email, user.name, to_string(user.role), user.password_hash, to_rfc3339(user.created_at));
  if (inserted.affected_rows() == 0) return Failure{Errc::email_taken};
  if (user.hotel) {
    const auth::Hotel& hotel = *user.hotel;
    db->exec(
        "INSERT INTO hotels (id, owner_id, name, city, country, timezone, description, logo_key, created_at) "
        "VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)",
        hotel.id, user.id, hotel.name, hotel.city, hotel.country, hotel.timezone, hotel.description, hotel.logo_key,
        to_rfc3339(hotel.created_at));
  }
  transaction.commit();
  return Ok{};
}

std::optional<auth::User> PostgresAccountRepository::find_user_where(std::string_view column, std::string_view value) {
  auto db = pool_.acquire();
  const auto rows = db->exec(std::string(kSelectUser) + "WHERE u." + std::string(column) + " = $1", value);
  if (rows.rows() == 0) return std::nullopt;
  return read_user(rows);
}

std::optional<auth::User> PostgresAccountRepository::find_user_by_email(std::string_view email) {
  return find_user_where("email", email);
}

std::optional<auth::User> PostgresAccountRepository::find_user(std::string_view user_id) {
  return find_user_where("id", user_id);
}

void PostgresAccountRepository::update_password_hash(std::string_view user_id, std::string_view password_hash) {
  auto db = pool_.acquire();
  db->exec("UPDATE users SET password_hash = $1 WHERE id = $2", password_hash, user_id);
}

std::int64_t PostgresAccountRepository::count_users() {
  auto db = pool_.acquire();
  return db->exec("SELECT count(*) FROM users").int64(0, 0);
}

void PostgresAccountRepository::insert_refresh_token(const auth::RefreshToken& token) {
  auto db = pool_.acquire();
  insert_token(*db, token);
}

auth::Rotation PostgresAccountRepository::rotate_refresh_token(std::string_view token_hash,
                                                               auth::RefreshToken successor, SysSeconds now) {
  auto db = pool_.acquire();
  Transaction transaction(*db);
  const std::string stamp = to_rfc3339(now);
  // Spending the token is one conditional UPDATE: of two racing rotations, the second waits on the row lock, then
  // finds the token used and falls through to the reuse branch below.
  const auto spent = db->exec(
      "UPDATE refresh_tokens SET used_at = $2 WHERE token_hash = $1 AND used_at IS NULL AND revoked_at IS NULL "
      "AND expires_at > $2 RETURNING family_id, user_id",
      token_hash, stamp);
  if (spent.rows() == 1) {
    auth::Rotation rotation{auth::RotationOutcome::rotated, spent.text(0, 1), spent.text(0, 0)};
    successor.family_id = rotation.family_id;
    successor.user_id = rotation.user_id;
    insert_token(*db, successor);
    transaction.commit();
    return rotation;
  }
  const auto found = db->exec(
      "SELECT family_id, user_id, used_at IS NOT NULL OR revoked_at IS NOT NULL FROM refresh_tokens "
      "WHERE token_hash = $1",
      token_hash);
  // No such token, or a live one that has expired.
  if (found.rows() == 0 || found.text(0, 2) != "t") return {};
  auth::Rotation rotation{auth::RotationOutcome::reused, found.text(0, 1), found.text(0, 0)};
  db->exec("UPDATE refresh_tokens SET revoked_at = $1 WHERE family_id = $2 AND revoked_at IS NULL", stamp,
           rotation.family_id);
  transaction.commit();
  return rotation;
}

bool PostgresAccountRepository::revoke_family_of(std::string_view token_hash, std::string_view user_id,
                                                 SysSeconds now) {
  auto db = pool_.acquire();
  db->exec(
      "UPDATE refresh_tokens SET revoked_at = $1 WHERE revoked_at IS NULL AND family_id = "
      "(SELECT family_id FROM refresh_tokens WHERE token_hash = $2 AND user_id = $3)",
      to_rfc3339(now), token_hash, user_id);
  const auto owned =
      db->exec("SELECT 1 FROM refresh_tokens WHERE token_hash = $1 AND user_id = $2", token_hash, user_id);
  return owned.rows() == 1;
}

void PostgresAccountRepository::revoke_all_families(std::string_view user_id, SysSeconds now) {
  auto db = pool_.acquire();
  db->exec("UPDATE refresh_tokens SET revoked_at = $1 WHERE user_id = $2 AND revoked_at IS NULL", to_rfc3339(now),
           user_id);
}

}  // namespace hc::postgres
