#include "storage/sqlite/database.hpp"

#include "storage/sqlite/migrate.hpp"
#include "storage/sqlite/schema.hpp"

namespace hc::sqlite {

SqliteDatabase::SqliteDatabase(const ConnectionOptions& options, std::size_t connections)
    : pool_(options, connections) {}

int SqliteDatabase::migrate() {
  auto connection = pool_.acquire();
  return apply_migrations(*connection, schema_migrations());
}

int SqliteDatabase::schema_version() {
  auto connection = pool_.acquire();
  return current_schema_version(*connection);
}

void SqliteDatabase::check() {
  auto connection = pool_.acquire();
  connection->prepare("SELECT 1").step();
}

}  // namespace hc::sqlite
