#pragma once
// Forward-only schema migrations, recorded in the schema_migrations table.
//
// Each migration runs inside its own transaction together with its schema_migrations row, so its SQL must not
// contain BEGIN, COMMIT or statements PostgreSQL refuses inside a transaction (CREATE INDEX CONCURRENTLY,
// ALTER TYPE ... ADD VALUE before PostgreSQL 12, VACUUM).
#include "storage/migration.hpp"

#include <span>

namespace hc::postgres {

class Connection;

using Migration = storage::Migration;

//! Applies each migration not yet recorded, in order, each atomically with its schema_migrations row; returns how
//! many it applied. Versions must be positive and strictly increasing (std::invalid_argument otherwise). Safe to
//! run from several processes at once: they take turns on an advisory lock and each migration is applied once.
int apply_migrations(Connection& connection, std::span<const Migration> migrations);

//! The highest recorded migration version, or 0 when none is.
int current_schema_version(Connection& connection);

}  // namespace hc::postgres
