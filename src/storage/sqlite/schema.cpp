#include "storage/sqlite/schema.hpp"

#include <array>

namespace hc::sqlite {
namespace {

// Times are RFC 3339 UTC text ("2026-11-22T10:00:00Z"): they sort and compare as strings.
constexpr std::string_view kAccounts = R"sql(
CREATE TABLE users (
  id            TEXT PRIMARY KEY,
  email         TEXT NOT NULL UNIQUE,
  name          TEXT NOT NULL,
  role          TEXT NOT NULL CHECK (role IN ('user', 'hotelier')),
  password_hash TEXT NOT NULL,
  created_at    TEXT NOT NULL
) STRICT;

CREATE TABLE hotels (
  id          TEXT PRIMARY KEY,
  owner_id    TEXT NOT NULL UNIQUE REFERENCES users(id) ON DELETE CASCADE,
  name        TEXT NOT NULL,
  city        TEXT NOT NULL,
  country     TEXT NOT NULL,
  timezone    TEXT NOT NULL,
  description TEXT NOT NULL DEFAULT '',
  logo_key    TEXT NOT NULL DEFAULT '',
  created_at  TEXT NOT NULL
) STRICT;

CREATE TABLE refresh_tokens (
  id         TEXT PRIMARY KEY,
  family_id  TEXT NOT NULL,
  user_id    TEXT NOT NULL REFERENCES users(id) ON DELETE CASCADE,
  token_hash TEXT NOT NULL UNIQUE,
  created_at TEXT NOT NULL,
  expires_at TEXT NOT NULL,
  used_at    TEXT,
  revoked_at TEXT
) STRICT;
CREATE INDEX refresh_tokens_by_family ON refresh_tokens(family_id);
CREATE INDEX refresh_tokens_by_user ON refresh_tokens(user_id);
)sql";

constexpr std::array kMigrations{
    Migration{1, "accounts", kAccounts},
};

}  // namespace

std::span<const Migration> schema_migrations() { return kMigrations; }

}  // namespace hc::sqlite
