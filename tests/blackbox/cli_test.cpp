// The command line seen from outside: version and help, configuration errors and precedence, migrations,
// and the demo data.
#include "harness.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <fstream>
#include <optional>
#include <sstream>

namespace hc::test {
namespace {

namespace json = boost::json;

constexpr std::string_view kDemoPassword = "hotelcoupon-demo";

std::filesystem::path write_file(const std::filesystem::path& path, const std::string& text) {
  std::ofstream out(path);
  out << text;
  return path;
}

// The first JSON log line whose msg starts with the given text.
std::optional<json::object> log_line(const std::string& output, std::string_view msg) {
  std::istringstream lines(output);
  std::string line;
  while (std::getline(lines, line)) {
    boost::system::error_code ec;
    const auto value = json::parse(line, ec);
    if (ec || !value.is_object()) continue;
    if (json_text(value, "/msg").starts_with(msg)) return value.as_object();
  }
  return std::nullopt;
}

std::int64_t int_field(const json::object& object, std::string_view key) {
  const auto* value = object.if_contains(key);
  return value != nullptr && value->is_number() ? value->to_number<std::int64_t>() : -1;
}

std::string output_of(const CommandResult& result) {
  return "exit " + std::to_string(result.exit_code) + ", output:\n" + result.output;
}

TEST(Cli, VersionPrintsTheVersion) {
  const auto result = run_binary({"--version"});
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_NE(result.output.find("hotelcoupon 0.1.0"), std::string::npos) << result.output;
}

TEST(Cli, HelpListsSubcommandsAndEnvironmentVariables) {
  const auto result = run_binary({"--help"});
  EXPECT_EQ(result.exit_code, 0) << result.output;
  for (const char* word : {"serve", "migrate", "seed-demo", "HC_LISTEN", "HC_DATA_DIR", "--listen"}) {
    EXPECT_NE(result.output.find(word), std::string::npos) << word << " missing from:\n" << result.output;
  }
}

TEST(Cli, MissingSubcommandIsAnError) {
  const auto result = run_binary({});
  EXPECT_NE(result.exit_code, 0) << result.output;
  EXPECT_FALSE(result.output.empty());
}

TEST(Cli, InvalidSettingsAreAllReportedAtOnce) {
  const auto result =
      run_binary({"serve", "--listen", "nonsense", "--log-level", "loud"}, {{"HC_IDLE_TIMEOUT", "abc"}});
  EXPECT_EQ(result.exit_code, 2) << result.output;
  for (const char* name : {"HC_LISTEN", "HC_LOG_LEVEL", "HC_IDLE_TIMEOUT"}) {
    EXPECT_NE(result.output.find(name), std::string::npos) << name << " not named in:\n" << result.output;
  }
  // The bad values are quoted, so the operator sees what was wrong.
  EXPECT_NE(result.output.find("nonsense"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("loud"), std::string::npos) << result.output;
}

TEST(Cli, UnknownEnvironmentVariableIsRejected) {
  TempDir dir;
  const auto result = run_binary({"migrate", "--data-dir", dir.str()}, {{"HC_LISTNE", "1"}});
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find("HC_LISTNE"), std::string::npos) << result.output;
}

TEST(Cli, ConfigFileWithUnknownKeyNamesFileAndLine) {
  TempDir dir;
  const auto file = write_file(dir.path() / "hotelcoupon.conf",
                               "# settings\nlog-level = warn\nlisen = 127.0.0.1:0\n");
  const auto result = run_binary({"migrate", "--data-dir", dir.str(), "--config", file.string()});
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find(file.string() + ":3"), std::string::npos) << result.output;
  EXPECT_NE(result.output.find("lisen"), std::string::npos) << result.output;
}

TEST(Cli, ConfigFileIsRead) {
  // A bad value in the file alone fails: the file really is read (what the precedence tests rely on).
  TempDir dir;
  const auto file = write_file(dir.path() / "hotelcoupon.conf", "log-level = nonsense\n");
  const auto result = run_binary({"migrate", "--data-dir", dir.str(), "--config", file.string()});
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find("HC_LOG_LEVEL"), std::string::npos) << result.output;

  const auto good = write_file(dir.path() / "good.conf", "log-level = warn\n");
  const auto quiet = run_binary({"migrate", "--data-dir", dir.str()}, {{"HC_CONFIG", good.string()}});
  EXPECT_EQ(quiet.exit_code, 0) << quiet.output;
  // At warn, the info line about migrations is not written.
  EXPECT_FALSE(log_line(quiet.output, "migrations applied").has_value()) << quiet.output;
}

TEST(Cli, EnvironmentOverridesTheConfigFile) {
  TempDir dir;
  const auto file = write_file(dir.path() / "hotelcoupon.conf", "log-level = nonsense\n");
  const auto result =
      run_binary({"migrate", "--data-dir", dir.str(), "--config", file.string()}, {{"HC_LOG_LEVEL", "info"}});
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_TRUE(log_line(result.output, "migrations applied").has_value()) << result.output;
}

TEST(Cli, FlagsOverrideTheEnvironment) {
  TempDir dir;
  const auto result = run_binary({"migrate", "--data-dir", dir.str(), "--log-level", "info"}, {{"HC_LOG_LEVEL", "loud"}});
  EXPECT_EQ(result.exit_code, 0) << result.output;
  EXPECT_TRUE(log_line(result.output, "migrations applied").has_value()) << result.output;
  // And a flag beats the file too.
  const auto file = write_file(dir.path() / "hotelcoupon.conf", "log-level = nonsense\n");
  const auto over_file =
      run_binary({"migrate", "--data-dir", dir.str(), "--config", file.string(), "--log-level", "info"});
  EXPECT_EQ(over_file.exit_code, 0) << over_file.output;
}

TEST(Cli, MigrateAppliesEachMigrationOnce) {
  TempDir dir;
  const auto first = run_binary({"migrate", "--data-dir", dir.str()});
  ASSERT_EQ(first.exit_code, 0) << first.output;
  const auto first_line = log_line(first.output, "migrations applied");
  ASSERT_TRUE(first_line.has_value()) << first.output;
  // A fresh database gets every migration: as many as the schema version it ends at.
  EXPECT_GE(int_field(*first_line, "applied"), 1) << first.output;
  EXPECT_EQ(int_field(*first_line, "applied"), int_field(*first_line, "schema_version")) << first.output;

  const auto second = run_binary({"migrate", "--data-dir", dir.str()});
  ASSERT_EQ(second.exit_code, 0) << second.output;
  const auto second_line = log_line(second.output, "migrations applied");
  ASSERT_TRUE(second_line.has_value()) << second.output;
  EXPECT_EQ(int_field(*second_line, "applied"), 0) << second.output;
  EXPECT_EQ(int_field(*second_line, "schema_version"), int_field(*first_line, "schema_version"));
}

TEST(Cli, SeedDemoLoadsTheDemoAccountsOnce) {
  TempDir dir;
  const auto first = run_binary({"seed-demo", "--data-dir", dir.str()});
  ASSERT_EQ(first.exit_code, 0) << first.output;
  const auto loaded = log_line(first.output, "demo data loaded");
  ASSERT_TRUE(loaded.has_value()) << first.output;
  EXPECT_EQ(int_field(*loaded, "accounts"), 6) << first.output;

  const auto second = run_binary({"seed-demo", "--data-dir", dir.str()});
  ASSERT_EQ(second.exit_code, 0) << second.output;
  const auto skipped = log_line(second.output, "demo data skipped");
  ASSERT_TRUE(skipped.has_value()) << second.output;
  EXPECT_EQ(int_field(*skipped, "accounts"), 0) << second.output;

  ServerProcess server(ExistingDataDir{dir.path()});
  HttpClient client(server.port());
  const auto alex = login(client, "alex@user.com", std::string(kDemoPassword));
  ASSERT_EQ(alex.status, 200u) << alex.body;
  EXPECT_EQ(json_text(alex.json(), "/user/role"), "user");

  const auto hotelier = login(client, "dublinhotel@hotelier.com", std::string(kDemoPassword));
  ASSERT_EQ(hotelier.status, 200u) << hotelier.body;
  const auto me = client.get("/api/v1/me", json_text(hotelier.json(), "/access_token"));
  ASSERT_EQ(me.status, 200u) << me.body;
  EXPECT_EQ(json_text(me.json(), "/role"), "hotelier");
  EXPECT_EQ(json_text(me.json(), "/hotel/name"), "Dublin Hotel");
  EXPECT_EQ(json_text(me.json(), "/hotel/timezone"), "Europe/Dublin");

  const auto leaked = leaked_secrets(server.log() + first.output + second.output,
                                     {std::string(kDemoPassword), json_text(alex.json(), "/access_token"),
                                      json_text(alex.json(), "/refresh_token"),
                                      json_text(hotelier.json(), "/access_token"),
                                      json_text(hotelier.json(), "/refresh_token")});
  EXPECT_TRUE(leaked.empty()) << "the log contains a password or token";
}

TEST(Cli, ServeWithoutSeedHasNoAccounts) {
  ServerProcess server;
  HttpClient client(server.port());
  const auto alex = login(client, "alex@user.com", std::string(kDemoPassword));
  EXPECT_EQ(alex.status, 401u) << alex.body;
  EXPECT_EQ(alex.error_code(), "invalid_credentials");
}

TEST(Cli, ServeRefusesAnUnusableListenAddress) {
  TempDir dir;
  const auto result = run_binary({"serve", "--data-dir", dir.str(), "--listen", "127.0.0.1:99999"});
  EXPECT_EQ(result.exit_code, 2) << output_of(result);
  EXPECT_NE(result.output.find("HC_LISTEN"), std::string::npos) << result.output;
}

}  // namespace
}  // namespace hc::test
