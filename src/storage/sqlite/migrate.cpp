#include "storage/sqlite/migrate.hpp"

#include <stdexcept>
#include <string>

#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/error.hpp"

namespace hc::sqlite {
namespace {

constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)";
constexpr std::string_view kTableExists =
    "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'";
constexpr std::string_view kIsApplied = "SELECT 1 FROM schema_migrations WHERE version = ?";
constexpr std::string_view kMaxVersion = "SELECT coalesce(max(version), 0) FROM schema_migrations";
constexpr std::string_view kRecord =
    "INSERT INTO schema_migrations (version, name, applied_at) "
    "VALUES (?, ?, strftime('%Y-%m-%dT%H:%M:%fZ', 'now'))";

// Reads only the first row, then resets: a statement left mid-result would pin this connection's read snapshot,
// and a later BEGIN IMMEDIATE on a stale snapshot fails with SQLITE_BUSY.
bool has_row(Statement& statement) {
  const bool found = statement.step();
  statement.reset();
  return found;
}

bool is_applied(Connection& connection, int version) {
  return has_row(connection.prepare(kIsApplied).bind(1, version));
}

void run_sql(Connection& connection, const Migration& migration) {
  try {
    connection.exec(migration.sql);
  } catch (const Error& error) {
    throw Error(error.code(), "migration " + std::to_string(migration.version) + " '" + std::string(migration.name) +
                                  "': " + error.what());
  }
}

bool apply_one(Connection& connection, const Migration& migration) {
  Transaction transaction(connection, TransactionKind::immediate);
  // Another process may have applied it while this one waited for the write lock.
  if (is_applied(connection, migration.version)) {
    return false;
  }
  run_sql(connection, migration);
  connection.prepare(kRecord).bind_all(migration.version, migration.name).run();
  transaction.commit();
  return true;
}

}  // namespace

int apply_migrations(Connection& connection, std::span<const Migration> migrations) {
  storage::check_migration_order(migrations);
  connection.exec(kCreateTable);
  int applied = 0;
  for (const Migration& migration : migrations) {
    // Checked before taking the write lock too, so that an up-to-date database starts without writing.
    if (!is_applied(connection, migration.version) && apply_one(connection, migration)) {
      ++applied;
    }
  }
  return applied;
}

int current_schema_version(Connection& connection) {
  if (!has_row(connection.prepare(kTableExists))) {
    return 0;
  }
  Statement& statement = connection.prepare(kMaxVersion);
  statement.step();
  const auto version = statement.int64(0);
  statement.reset();
  return static_cast<int>(version);
}

}  // namespace hc::sqlite
