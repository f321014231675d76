#include "backends.hpp"

#include "postgres_server.hpp"
#include "redis_server.hpp"
#include "storage/postgres/database.hpp"
#include "storage/sqlite/database.hpp"

namespace hc::bench {
namespace {

std::filesystem::path sqlite_file(const std::filesystem::path& data_dir) { return data_dir / "hotelcoupon.db"; }

}  // namespace

std::string_view name_of(Profile profile) { return profile == Profile::embedded ? "embedded" : "postgresql+redis"; }

Backends::Backends(Profile profile) : profile_(profile) {
  if (profile_ == Profile::embedded) return;
  postgres_ = std::make_unique<test::PostgresServer>(test::PostgresServer::Durability::durable);
  database_url_ = postgres_->create_database();
  redis_ = std::make_unique<test::RedisServer>();
}

Backends::~Backends() = default;

std::vector<std::string> Backends::server_flags(const std::filesystem::path& data_dir) const {
  if (profile_ == Profile::embedded) return {"--database-url", "sqlite://" + sqlite_file(data_dir).string()};
  return {"--database-url", database_url_, "--redis-url", redis_->url()};
}

std::unique_ptr<storage::Database> Backends::open_database(const std::filesystem::path& data_dir) const {
  std::unique_ptr<storage::Database> database;
  if (profile_ == Profile::embedded) {
    database = std::make_unique<sqlite::SqliteDatabase>(
        sqlite::ConnectionOptions{.path = sqlite_file(data_dir).string(), .synchronous = "OFF"}, 4);
  } else {
    database = std::make_unique<postgres::PostgresDatabase>(postgres::ConnectionOptions{.url = database_url_}, 4);
  }
  database->migrate();
  return database;
}

void Backends::settle(storage::Database& database) const {
  if (profile_ == Profile::scaled)
    dynamic_cast<postgres::PostgresDatabase&>(database).pool().acquire()->exec("ANALYZE");
}

void Backends::execute(storage::Database& database, const std::string& sql) const {
  if (profile_ == Profile::embedded)
    dynamic_cast<sqlite::SqliteDatabase&>(database).pool().acquire()->exec(sql);
  else
    dynamic_cast<postgres::PostgresDatabase&>(database).pool().acquire()->exec_script(sql);
}

}  // namespace hc::bench
