#include "storage/postgres/database.hpp"

#include "storage/postgres/migrate.hpp"
#include "storage/postgres/schema.hpp"

namespace hc::postgres {

PostgresDatabase::PostgresDatabase(ConnectionOptions options, std::size_t connections)
    : pool_(std::move(options), connections) {}

int PostgresDatabase::migrate() {
  auto connection = pool_.acquire();
  return apply_migrations(*connection, schema_migrations());
}

int PostgresDatabase::schema_version() {
  auto connection = pool_.acquire();
  return current_schema_version(*connection);
}

void PostgresDatabase::check() {
  auto connection = pool_.acquire();
  connection->exec("SELECT 1");
}

}  // namespace hc::postgres
