#pragma once
// The versioned schema of the PostgreSQL database, applied once each by apply_migrations. It holds the same
// tables, columns, constraints and indexes as the SQLite schema (storage/sqlite/schema.cpp).
#include "storage/postgres/migrate.hpp"

#include <span>

namespace hc::postgres {

//! Every migration of the PostgreSQL schema, oldest first.
std::span<const Migration> schema_migrations();

}  // namespace hc::postgres
