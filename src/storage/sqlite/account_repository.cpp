#include "storage/sqlite/account_repository.hpp"

#include "storage/sqlite/error.hpp"
#include "storage/sqlite/rows.hpp"

namespace hc::sqlite {
namespace {

constexpr std::string_view kSelectUser = R"sql(
SELECT u.id, u.email, u.name, u.role, u.password_hash, u.created_at,
       h.id, h.name, h.city, h.country, h.timezone, h.description, h.logo_key, h.created_at
FROM users u LEFT JOIN hotels h ON h.owner_id = u.id
)sql";

auth::User read_user(Statement& row) {
  auth::User user;
  user.id = row.text(0);
  user.email = row.text(1);
  user.name = row.text(2);
  user.role = parse_role(row.text(3)).value_or(Role::user);
  user.password_hash = row.text(4);
  user.created_at = time_column(row, 5);
  if (!row.is_null(6)) {
    user.hotel = auth::Hotel{row.text(6),  user.id,      row.text(7),  row.text(8),        row.text(9),
                             row.text(10), row.text(11), row.text(12), time_column(row, 13)};
  }
  return user;
}

void insert_token(Connection& db, const auth::RefreshToken& token) {
  db.prepare(
        "INSERT INTO refresh_tokens (id, family_id, user_id, token_hash, created_at, expires_at) "
        "VALUES (?, ?, ?, ?, ?, ?)")
      .bind_all(token.id, token.family_id, token.user_id, token.token_hash, to_rfc3339(token.created_at),
                to_rfc3339(token.expires_at))
      .run();
}

}  // namespace

Result<Ok, Errc> SqliteAccountRepository::create_user(const auth::User& user) {
  auto db = pool_.acquire();
  Transaction transaction(*db);
  try {
    db->prepare("INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES (?, ?, ?, ?, ?, ?)")
        .bind_all(user.id, user.email, user.name, to_string(user.role), user.password_hash,
                  to_rfc3339(user.created_at))
        .run();
  } catch (const Error& e) {
    if (e.is_unique_violation()) return Failure{Errc::email_taken};
    throw;
  }
  if (user.hotel) {
    const auth::Hotel& hotel = *user.hotel;
    db->prepare(
          "INSERT INTO hotels (id, owner_id, name, city, country, timezone, description, logo_key, created_at) "
          "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)")
        .bind_all(hotel.id, user.id, hotel.name, hotel.city, hotel.country, hotel.timezone, hotel.description,
                  hotel.logo_key, to_rfc3339(hotel.created_at))
        .run();
  }
  transaction.commit();
  return Ok{};
}

std::optional<auth::User> SqliteAccountRepository::find_user_where(std::string_view column, std::string_view value) {
  auto db = pool_.acquire();
  Statement& query = db->prepare(std::string(kSelectUser) + "WHERE u." + std::string(column) + " = ?");
  query.bind(1, value);
  if (!query.step()) return std::nullopt;
  return read_user(query);
}

std::optional<auth::User> SqliteAccountRepository::find_user_by_email(std::string_view email) {
  return find_user_where("email", email);
}

std::optional<auth::User> SqliteAccountRepository::find_user(std::string_view user_id) {
  return find_user_where("id", user_id);
}

void SqliteAccountRepository::update_password_hash(std::string_view user_id, std::string_view password_hash) {
  auto db = pool_.acquire();
  db->prepare("UPDATE users SET password_hash = ? WHERE id = ?").bind_all(password_hash, user_id).run();
}

std::int64_t SqliteAccountRepository::count_users() {
  auto db = pool_.acquire();
  Statement& query = db->prepare("SELECT count(*) FROM users");
  query.step();
  return query.int64(0);
}

void SqliteAccountRepository::insert_refresh_token(const auth::RefreshToken& token) {
  auto db = pool_.acquire();
  insert_token(*db, token);
}

auth::Rotation SqliteAccountRepository::rotate_refresh_token(std::string_view token_hash, auth::RefreshToken successor,
                                                             SysSeconds now) {
  auto db = pool_.acquire();
  // IMMEDIATE: two clients racing with the same token are serialised; the second sees it used.
  Transaction transaction(*db);
  Statement& find = db->prepare(
      "SELECT family_id, user_id, expires_at, used_at IS NOT NULL OR revoked_at IS NOT NULL "
      "FROM refresh_tokens WHERE token_hash = ?");
  find.bind(1, token_hash);
  if (!find.step()) return {};
  auth::Rotation rotation{auth::RotationOutcome::rotated, find.text(1), find.text(0)};
  const std::string expires_at = find.text(2);
  const bool spent = find.int64(3) != 0;
  find.reset();
  const std::string stamp = to_rfc3339(now);
  if (spent) {
    db->prepare("UPDATE refresh_tokens SET revoked_at = ? WHERE family_id = ? AND revoked_at IS NULL")
        .bind_all(stamp, rotation.family_id)
        .run();
    transaction.commit();
    rotation.outcome = auth::RotationOutcome::reused;
    return rotation;
  }
  if (expires_at <= stamp) return {};
  db->prepare("UPDATE refresh_tokens SET used_at = ? WHERE token_hash = ?").bind_all(stamp, token_hash).run();
  successor.family_id = rotation.family_id;
  successor.user_id = rotation.user_id;
  insert_token(*db, successor);
  transaction.commit();
  return rotation;
}

bool SqliteAccountRepository::revoke_family_of(std::string_view token_hash, std::string_view user_id,
                                               SysSeconds now) {
  auto db = pool_.acquire();
  db->prepare(
        "UPDATE refresh_tokens SET revoked_at = ? WHERE revoked_at IS NULL AND family_id = "
        "(SELECT family_id FROM refresh_tokens WHERE token_hash = ? AND user_id = ?)")
      .bind_all(to_rfc3339(now), token_hash, user_id)
      .run();
  Statement& owned = db->prepare("SELECT 1 FROM refresh_tokens WHERE token_hash = ? AND user_id = ?");
  owned.bind_all(token_hash, user_id);
  return owned.step();
}

void SqliteAccountRepository::revoke_all_families(std::string_view user_id, SysSeconds now) {
  auto db = pool_.acquire();
  db->prepare("UPDATE refresh_tokens SET revoked_at = ? WHERE user_id = ? AND revoked_at IS NULL")
      .bind_all(to_rfc3339(now), user_id)
      .run();
}

}  // namespace hc::sqlite
