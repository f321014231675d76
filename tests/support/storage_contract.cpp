#include "storage_contract.hpp"

#include "core/timezone.hpp"
#include "postgres_server.hpp"
#include "storage/postgres/database.hpp"
#include "storage/postgres/search_words.hpp"
#include "storage/sqlite/database.hpp"

namespace hc::test {
namespace {

constexpr std::size_t kConnections = 4;

// The day part of an RFC 3339 time ("2026-01-01T00:00:00Z" → "2026-01-01"); the tests use whole UTC days.
std::string day_of(std::string_view time) { return std::string(time.substr(0, 10)); }

// The name add_hotelier gives a hotel.
std::string hotel_name(std::string_view hotel_id) { return "Hotel " + std::string(hotel_id); }

}  // namespace

std::string engine_name(const ::testing::TestParamInfo<Engine>& info) {
  return info.param == Engine::sqlite ? "SQLite" : "PostgreSQL";
}

void StorageContract::SetUp() {
  if (engine() == Engine::sqlite) {
    sqlite::ConnectionOptions options;
    options.path = (dir_.path() / "contract.db").string();
    db_ = std::make_unique<sqlite::SqliteDatabase>(options, kConnections);
  } else {
    db_ = std::make_unique<postgres::PostgresDatabase>(
        postgres::ConnectionOptions{.url = shared_postgres().create_database()}, kConnections);
  }
  db_->migrate();
}

void StorageContract::TearDown() { db_.reset(); }

void StorageContract::exec(std::string_view sql) {
  if (auto* sqlite_db = dynamic_cast<sqlite::SqliteDatabase*>(db_.get())) {
    sqlite_db->pool().acquire()->exec(sql);
  } else {
    dynamic_cast<postgres::PostgresDatabase&>(*db_).pool().acquire()->exec_script(sql);
  }
}

std::int64_t StorageContract::query_int(std::string_view sql) {
  if (auto* sqlite_db = dynamic_cast<sqlite::SqliteDatabase*>(db_.get())) {
    auto connection = sqlite_db->pool().acquire();
    sqlite::Statement& query = connection->prepare(sql);
    if (!query.step()) throw std::runtime_error("the query returned no row");
    const std::int64_t value = query.int64(0);
    query.reset();
    return value;
  }
  auto connection = dynamic_cast<postgres::PostgresDatabase&>(*db_).pool().acquire();
  return connection->exec(sql).int64(0, 0);
}

std::string StorageContract::quote(std::string_view text) {
  std::string quoted = "'";
  for (const char c : text) {
    if (c == '\'') quoted += '\'';
    quoted += c;
  }
  return quoted + "'";
}

void StorageContract::add_traveller(std::string_view user_id) {
  exec("INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES (" + quote(user_id) + ", " +
       quote(std::string(user_id) + "@example.com") + ", " + quote(user_id) +
       ", 'user', 'not-a-hash', '2026-01-01T00:00:00Z')");
}

HotelierRow StorageContract::add_hotelier(std::string_view user_id, std::string_view hotel_id,
                                         std::string_view timezone) {
  exec("INSERT INTO users (id, email, name, role, password_hash, created_at) VALUES (" + quote(user_id) + ", " +
       quote(std::string(user_id) + "@example.com") + ", " + quote(user_id) +
       ", 'hotelier', 'not-a-hash', '2026-01-01T00:00:00Z')");
  exec("INSERT INTO hotels (id, owner_id, name, city, country, timezone, created_at) VALUES (" + quote(hotel_id) +
       ", " + quote(user_id) + ", " + quote(hotel_name(hotel_id)) + ", 'Dublin', 'IE', " +
       quote(timezone) + ", '2026-01-01T00:00:00Z')");
  return {std::string(user_id), std::string(hotel_id)};
}

void StorageContract::add_coupon(const CouponRow& c) {
  const std::string quantity = c.quantity ? std::to_string(*c.quantity) : "NULL";
  std::string columns =
      "id, hotel_id, title, description, discount_percent, quantity, redeemed_count, per_user_limit, valid_from, "
      "valid_until, valid_from_date, valid_until_date, status, created_at, updated_at";
  std::string values = quote(c.id) + ", " + quote(c.hotel_id) + ", " + quote(c.title) + ", " +
                       quote(c.description) + ", " + std::to_string(c.discount_percent) + ", " + quantity + ", " +
                       std::to_string(c.redeemed_count) + ", " + std::to_string(c.per_user_limit) + ", " +
                       quote(c.valid_from) + ", " + quote(c.valid_until) + ", " + quote(day_of(c.valid_from)) + ", " +
                       quote(day_of(c.valid_until)) + ", " + quote(c.status) + ", " + quote(c.created_at) + ", " +
                       quote(c.created_at);
  if (engine() == Engine::postgres) {
    // SQLite's triggers index the words; PostgreSQL's document is written by the application, folded.
    columns += ", search_document";
    values += ", coupon_search_document(" + quote(postgres::search_words(c.title)) + ", " +
              quote(postgres::search_words(hotel_name(c.hotel_id))) + ", " +
              quote(postgres::search_words(c.description)) + ")";
  }
  exec("INSERT INTO coupons (" + columns + ") VALUES (" + values + ")");
}

}  // namespace hc::test
