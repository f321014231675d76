#include "storage/postgres/migrate.hpp"

#include <cstdint>
#include <stdexcept>
#include <string>

#include "storage/postgres/connection.hpp"
#include "storage/postgres/error.hpp"

namespace hc::postgres {
namespace {

// The advisory lock every migrating process takes ("hcmigrat" in ASCII); held until its transaction ends.
constexpr std::int64_t kMigrationLock = 0x68636d6967726174;

constexpr std::string_view kTakeLock = "SELECT pg_advisory_xact_lock($1::bigint)";
constexpr std::string_view kCreateTable =
    "CREATE TABLE IF NOT EXISTS schema_migrations ("
    "version integer PRIMARY KEY, name text NOT NULL, applied_at text NOT NULL)";
constexpr std::string_view kTableExists = "SELECT (to_regclass('schema_migrations') IS NOT NULL)::int";
constexpr std::string_view kIsApplied = "SELECT 1 FROM schema_migrations WHERE version = $1::integer";
constexpr std::string_view kMaxVersion = "SELECT coalesce(max(version), 0) FROM schema_migrations";
constexpr std::string_view kRecord =
    "INSERT INTO schema_migrations (version, name, applied_at) "
    "VALUES ($1::integer, $2, to_char(now() AT TIME ZONE 'UTC', 'YYYY-MM-DD\"T\"HH24:MI:SS.MS\"Z\"'))";

bool is_applied(Connection& connection, int version) { return connection.exec(kIsApplied, version).rows() > 0; }

// Two sessions creating the same table at once can both fail on the catalog's unique index, so even the
// bookkeeping table is created under the lock.
void create_table(Connection& connection) {
  Transaction transaction(connection);
  connection.exec(kTakeLock, kMigrationLock);
  connection.exec(kCreateTable);
  transaction.commit();
}

void run_sql(Connection& connection, const Migration& migration) {
  try {
    connection.exec_script(migration.sql);
  } catch (const Error& error) {
    throw Error(
        error.kind(),
        "migration " + std::to_string(migration.version) + " '" + std::string(migration.name) + "': " + error.what(),
        error.sqlstate());
  }
}

bool apply_one(Connection& connection, const Migration& migration) {
  Transaction transaction(connection);
  connection.exec(kTakeLock, kMigrationLock);
  // Another process may have applied it while this one waited for the lock; under READ COMMITTED the next
  // statement sees what that process committed.
  if (is_applied(connection, migration.version)) {
    return false;
  }
  run_sql(connection, migration);
  connection.exec(kRecord, migration.version, migration.name);
  transaction.commit();
  return true;
}

}  // namespace

int apply_migrations(Connection& connection, std::span<const Migration> migrations) {
  storage::check_migration_order(migrations);
  if (current_schema_version(connection) == 0) {
    create_table(connection);
  }
  int applied = 0;
  for (const Migration& migration : migrations) {
    // Checked before taking the lock too, so that an up-to-date database starts without waiting on anyone.
    if (!is_applied(connection, migration.version) && apply_one(connection, migration)) {
      ++applied;
    }
  }
  return applied;
}

int current_schema_version(Connection& connection) {
  if (connection.exec(kTableExists).int64(0, 0) == 0) {
    return 0;
  }
  return static_cast<int>(connection.exec(kMaxVersion).int64(0, 0));
}

}  // namespace hc::postgres
