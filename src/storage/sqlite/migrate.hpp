#pragma once
// Forward-only schema migrations, recorded in the schema_migrations table.
//
// Each migration runs inside its own IMMEDIATE transaction, so its SQL must not contain BEGIN, COMMIT, VACUUM or
// anything else SQLite refuses inside a transaction, and PRAGMA foreign_keys has no effect there (use
// PRAGMA defer_foreign_keys for table rebuilds).
#include "storage/migration.hpp"

#include <span>

namespace hc::sqlite {

class Connection;

using Migration = storage::Migration;

//! Applies each migration not yet recorded, in order, each atomically with its schema_migrations row; returns how
//! many it applied. Versions must be positive and strictly increasing (std::invalid_argument otherwise). Safe to
//! run from several processes at once: each migration is applied exactly once.
int apply_migrations(Connection& connection, std::span<const Migration> migrations);

//! The highest recorded migration version, or 0 when none is.
int current_schema_version(Connection& connection);

}  // namespace hc::sqlite
