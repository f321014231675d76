#pragma once
// The two profiles every scenario can run on, and what each needs beside the server: nothing for the embedded
// profile (SQLite and the in-process bus in the server's data folder); a durable PostgreSQL and a Redis on
// loopback for the scaled one.
#include "storage/database.hpp"

#include <filesystem>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

namespace hc::test {
class PostgresServer;
class RedisServer;
}  // namespace hc::test

namespace hc::bench {

enum class Profile { embedded, scaled };

//! "embedded" or "postgresql+redis", as the tables print it.
std::string_view name_of(Profile profile);

class Backends {
 public:
  //! Starts the profile's services (none for the embedded one); throws with the reason if one cannot start.
  explicit Backends(Profile profile);
  ~Backends();
  Backends(const Backends&) = delete;
  Backends& operator=(const Backends&) = delete;

  [[nodiscard]] Profile profile() const { return profile_; }
  //! The flags that point a server with this data folder at the profile's database and bus.
  [[nodiscard]] std::vector<std::string> server_flags(const std::filesystem::path& data_dir) const;
  //! The database the server will use, migrated, for generating a data set before the server starts. SQLite is
  //! opened without fsync here: generating is not what is measured, and the server opens it with its own setting.
  [[nodiscard]] std::unique_ptr<storage::Database> open_database(const std::filesystem::path& data_dir) const;
  //! After generating: PostgreSQL's statistics brought up to date, as autovacuum would have done by the time a real
  //! data set had grown this large (a plan made without them is not what production runs). SQLite keeps none.
  void settle(storage::Database& database) const;
  //! Runs SQL both engines read alike on the generation's database, for rows no repository writes in bulk.
  void execute(storage::Database& database, const std::string& sql) const;

 private:
  Profile profile_;
  std::unique_ptr<test::PostgresServer> postgres_;
  std::string database_url_;
  std::unique_ptr<test::RedisServer> redis_;
};

}  // namespace hc::bench
