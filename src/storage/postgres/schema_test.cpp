#include "storage/postgres/schema.hpp"

#include <gtest/gtest.h>

#include <algorithm>
#include <optional>
#include <string>
#include <vector>

#include "postgres_server.hpp"
#include "storage/postgres/connection.hpp"
#include "storage/postgres/error.hpp"
#include "storage/postgres/search_text.hpp"
#include "storage/sqlite/connection.hpp"
#include "storage/sqlite/schema.hpp"

namespace hc::postgres {
namespace {

constexpr std::string_view kNow = "2026-11-22T10:00:00Z";

std::vector<std::string> sorted(std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  return names;
}

std::vector<std::string> first_column(const Result& result) {
  std::vector<std::string> values;
  values.reserve(static_cast<std::size_t>(result.rows()));
  for (int row = 0; row < result.rows(); ++row) values.push_back(result.text(row, 0));
  return sorted(std::move(values));
}

std::vector<std::string> first_column(sqlite::Statement& statement) {
  std::vector<std::string> values;
  while (statement.step()) values.push_back(statement.text(0));
  return sorted(std::move(values));
}

class PostgresSchema : public ::testing::Test {
 protected:
  void SetUp() override { apply_migrations(db_, schema_migrations()); }

  void add_hotel(std::string_view name) {
    db_.exec(
        "INSERT INTO users (id, email, name, role, password_hash, created_at) "
        "VALUES ('u1', 'h@example.com', 'Hotelier', 'hotelier', 'hash', $1)",
        kNow);
    db_.exec(
        "INSERT INTO hotels (id, owner_id, name, city, country, timezone, created_at) "
        "VALUES ('h1', 'u1', $1, 'Málaga', 'ES', 'Europe/Madrid', $2)",
        name, kNow);
  }

  // A coupon of hotel h1, its search document written as a repository would.
  void add_coupon(std::string_view id, std::string_view title, std::string_view description,
                  std::string_view status = "active") {
    db_.exec(R"sql(
        INSERT INTO coupons (id, hotel_id, title, description, discount_percent, valid_from, valid_until,
                             valid_from_date, valid_until_date, status, created_at, updated_at, search_document)
        SELECT $1, h.id, $2, $3, 10, $4, $4, '2026-11-22', '2026-12-31', $5, $4, $4,
               coupon_search_document($6, $7, $8)
        FROM hotels h WHERE h.id = 'h1')sql",
             id, title, description, kNow, status, search_fold(title), search_fold(hotel_name()),
             search_fold(description));
  }

  std::string hotel_name() { return db_.exec("SELECT name FROM hotels WHERE id = 'h1'").text(0, 0); }

  // The ids of active coupons whose document matches the tsquery, in id order.
  std::vector<std::string> search(std::string_view query) {
    return first_column(db_.exec(
        "SELECT id FROM coupons WHERE status = 'active' AND search_document @@ to_tsquery('simple', $1)", query));
  }

  Connection db_{ConnectionOptions{.url = test::shared_postgres().create_database()}};
};

TEST_F(PostgresSchema, MigratesAnEmptyDatabaseOnceToTheLatestVersion) {
  EXPECT_EQ(current_schema_version(db_), schema_migrations().back().version);
  EXPECT_EQ(apply_migrations(db_, schema_migrations()), 0);
}

TEST_F(PostgresSchema, HasTheColumnsAndIndexesOfTheSqliteSchema) {
  sqlite::Connection lite(sqlite::ConnectionOptions{.path = ":memory:"});
  sqlite::apply_migrations(lite, sqlite::schema_migrations());
  EXPECT_EQ(sqlite::schema_migrations().size(), schema_migrations().size());

  const auto lite_columns = first_column(
      lite.prepare("SELECT m.name || '.' || p.name FROM sqlite_master m JOIN pragma_table_info(m.name) p "
                   "WHERE m.type = 'table' AND m.name NOT LIKE 'coupon_search%' AND m.name NOT LIKE 'sqlite_%'"));
  const auto pg_columns =
      first_column(db_.exec("SELECT table_name || '.' || column_name FROM information_schema.columns "
                            "WHERE table_schema = current_schema() AND column_name <> 'search_document'"));
  EXPECT_EQ(pg_columns, lite_columns);

  const auto lite_indexes = first_column(
      lite.prepare("SELECT name FROM sqlite_master WHERE type = 'index' AND name NOT LIKE 'sqlite_autoindex%'"));
  const auto pg_indexes = first_column(
      db_.exec("SELECT indexname FROM pg_indexes WHERE schemaname = current_schema() "
               "AND indexname NOT LIKE '%\\_pkey' AND indexname NOT LIKE '%\\_key' AND indexname <> 'coupons_search'"));
  EXPECT_EQ(pg_indexes, lite_indexes);
}

TEST_F(PostgresSchema, ConstraintsRefuseWhatSqliteRefuses) {
  add_hotel("Hotel Sol");
  add_coupon("c1", "Spa", "");
  const auto kind_of = [this](const std::string& sql, const auto&... args) -> std::optional<ErrorKind> {
    try {
      db_.exec(sql, args...);
    } catch (const Error& error) {
      return error.kind();
    }
    return std::nullopt;
  };
  for (const std::string change : {"quantity = 5, redeemed_count = 6", "discount_percent = 0", "status = 'gone'",
                                   "hotel_id = 'nowhere'", "valid_from_date = '22/11/2026'"}) {
    EXPECT_EQ(kind_of("UPDATE coupons SET " + change), ErrorKind::constraint_violation) << change;
  }
  // A time must be written one way only: another spelling of the same instant would sort differently.
  for (const std::string_view time : {"2026-11-22 10:00:00Z", "2026-11-22T10:00:00.5Z", "2026-11-22T11:00:00+01:00"}) {
    EXPECT_EQ(kind_of("UPDATE hotels SET created_at = $1", time), ErrorKind::constraint_violation) << time;
  }
  EXPECT_EQ(kind_of("INSERT INTO users (id, email, name, role, password_hash, created_at) "
                    "VALUES ('u2', 'h@example.com', 'Copy', 'user', 'hash', $1)",
                    kNow),
            ErrorKind::unique_violation);
}

TEST_F(PostgresSchema, TheSearchFindsWordsWhateverTheirCaseAndAccents) {
  add_hotel("Hôtel du Lac");
  add_coupon("c1", "Weekend à MÁLAGA", "Spa and breakfast");
  add_coupon("c2", "Ski in Zürich", "Gondola included");
  add_coupon("c3", "Málaga in winter", "", "draft");
  EXPECT_EQ(search(search_fold("malaga")), std::vector<std::string>{"c1"});
  EXPECT_EQ(search(search_fold("ZURICH")), std::vector<std::string>{"c2"});
  EXPECT_EQ(search("gond:*"), std::vector<std::string>{"c2"});  // a prefix, as FTS5's prefix queries
  EXPECT_EQ(search(search_fold("hotel & lac")), (std::vector<std::string>{"c1", "c2"}));
}

TEST_F(PostgresSchema, ARenameReplacesOnlyTheHotelsWords) {
  add_hotel("Grand Hotel");
  add_coupon("c1", "Grand spa", "sauna");
  db_.exec("UPDATE coupons SET search_document = coupon_search_rename_hotel(search_document, $1) WHERE hotel_id = 'h1'",
           search_fold("Sea View"));
  EXPECT_EQ(search("grand"), std::vector<std::string>{"c1"});
  EXPECT_EQ(search("sauna"), std::vector<std::string>{"c1"});
  EXPECT_EQ(search("sea & view"), std::vector<std::string>{"c1"});
  EXPECT_TRUE(search("hotel").empty());
}

TEST_F(PostgresSchema, TheGinIndexServesATextSearch) {
  add_hotel("Hotel Sol");
  add_coupon("c1", "Weekend in Málaga", "");
  // Enough other coupons that reading the table whole, or every active coupon, costs more than the index.
  db_.exec(R"sql(
      INSERT INTO coupons (id, hotel_id, title, discount_percent, valid_from, valid_until, valid_from_date,
                           valid_until_date, status, created_at, updated_at, search_document)
      SELECT 'n' || n, 'h1', 'Offer ' || n, 10, $1, $1, '2026-11-22', '2026-12-31', 'active', $1, $1,
             coupon_search_document('offer ' || n, 'hotel sol', 'room ' || n)
      FROM generate_series(1, 500) AS n)sql",
           kNow);
  db_.exec("VACUUM ANALYZE coupons");  // also moves the new entries from the GIN pending list into the index
  const Result plan = db_.exec(
      "EXPLAIN SELECT id FROM coupons WHERE status = 'active' AND search_document @@ to_tsquery('simple', 'malaga')");
  std::string text;
  for (int row = 0; row < plan.rows(); ++row) text += plan.text(row, 0) + "\n";
  EXPECT_NE(text.find("Bitmap Index Scan on coupons_search"), std::string::npos) << text;
}

}  // namespace
}  // namespace hc::postgres
