#pragma once
// The versioned schema of the embedded database, applied once each by apply_migrations.
#include "storage/sqlite/migrate.hpp"

#include <span>

namespace hc::sqlite {

//! Every migration of the SQLite schema, oldest first.
std::span<const Migration> schema_migrations();

}  // namespace hc::sqlite
