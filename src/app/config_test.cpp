#include "app/config.hpp"

#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace hc::app {
namespace {

using Env = std::map<std::string, std::string>;

bool mentions(const std::vector<std::string>& errors, std::string_view text) {
  for (const auto& error : errors) {
    if (error.find(text) != std::string::npos) return true;
  }
  return false;
}

TEST(Config, DefaultsAreTheEmbeddedProfile) {
  auto config = load_config({}, {});
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->listen_host, "127.0.0.1");
  EXPECT_EQ(config->listen_port, 8080);
  EXPECT_EQ(config->database_url, "sqlite://./var/hotelcoupon.db");
  EXPECT_EQ(config->sqlite_path(), "./var/hotelcoupon.db");
  EXPECT_EQ(config->storage_url, "file://./var/objects");
  EXPECT_TRUE(config->redis_url.empty());
  EXPECT_EQ(config->http.max_header_bytes, 8192u);
  EXPECT_EQ(config->http.max_json_body, 65536u);
  EXPECT_EQ(config->http.request_timeout, std::chrono::seconds(10));
  EXPECT_EQ(config->http.idle_timeout, std::chrono::seconds(60));
  EXPECT_EQ(config->access_token_ttl, std::chrono::minutes(15));
  EXPECT_EQ(config->sqlite_synchronous, "FULL");
  EXPECT_GE(config->io_threads, 1u);
}

TEST(Config, DataDirMovesTheDerivedUrls) {
  auto config = load_config({{"data-dir", "/srv/hc"}}, {});
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->database_url, "sqlite:///srv/hc/hotelcoupon.db");
  EXPECT_EQ(config->storage_url, "file:///srv/hc/objects");
}

TEST(Config, FlagsBeatEnvironmentWhichBeatsTheFile) {
  const auto dir = std::filesystem::temp_directory_path() / ("hc-config-" + std::to_string(::getpid()));
  std::filesystem::create_directories(dir);
  const auto file = dir / "hc.conf";
  std::ofstream(file) << "# comment\nlisten = 127.0.0.1:7000\nidle-timeout = 30\nHC_LOG_LEVEL = debug\nio-threads=3\n";
  auto config = load_config({{"listen", "127.0.0.1:9000"}},
                            {{"HC_CONFIG", file.string()}, {"HC_IDLE_TIMEOUT", "45"}, {"PATH", "/bin"}});
  std::filesystem::remove_all(dir);
  ASSERT_TRUE(config.ok()) << (config.ok() ? "" : config.error().front());
  EXPECT_EQ(config->listen_port, 9000);                       // flag
  EXPECT_EQ(config->http.idle_timeout, std::chrono::seconds(45));  // environment over file
  EXPECT_EQ(config->log_level, LogLevel::debug);              // file
  EXPECT_EQ(config->io_threads, 3u);                          // file
}

TEST(Config, AnS3StoreNeedsAValidUrlAndCredentials) {
  const std::string url = "s3://coupon-files?endpoint=http://127.0.0.1:9000&region=eu-west-1";
  auto with_keys = load_config({}, {{"HC_STORAGE_URL", url}, {"HC_S3_ACCESS_KEY", "AK"}, {"HC_S3_SECRET_KEY", "SK"}});
  ASSERT_TRUE(with_keys.ok()) << with_keys.error().front();
  EXPECT_EQ(with_keys->storage_url, url);
  EXPECT_EQ(with_keys->s3_secret_key, "SK");
  EXPECT_TRUE(load_config({}, {{"HC_STORAGE_URL", url}, {"HC_S3_CREDENTIALS_FILE", "/etc/hc/s3"}}).ok());

  auto without = load_config({}, {{"HC_STORAGE_URL", url}, {"HC_S3_ACCESS_KEY", "AK"}});
  ASSERT_FALSE(without.ok());
  EXPECT_TRUE(mentions(without.error(), "needs credentials")) << without.error().front();
  auto bad_url = load_config({}, {{"HC_STORAGE_URL", "s3://coupon-files"}, {"HC_S3_ACCESS_KEY", "AK"},
                                  {"HC_S3_SECRET_KEY", "SK"}});
  ASSERT_FALSE(bad_url.ok());
  EXPECT_TRUE(mentions(bad_url.error(), "endpoint")) << bad_url.error().front();
}

TEST(Config, ASecretIsNeverRepeatedInAnError) {
  auto config = load_config({}, {{"HC_STORAGE_URL", "s3://AKEY:very-secret-value@files"},
                                 {"HC_S3_SECRET_KEY", "very-secret-value"},
                                 {"HC_DATABASE_URL", "mysql://app:very-secret-value@db/app"},
                                 {"HC_REDIS_URL", "REDIS://:very-secret-value@cache:6379"}});
  ASSERT_FALSE(config.ok());
  EXPECT_EQ(config.error().size(), 4u);  // the S3 URL (keys in it, and no access key), the database, Redis
  for (const auto& error : config.error()) EXPECT_EQ(error.find("very-secret-value"), std::string::npos) << error;
}

TEST(Config, ARedisUrlIsCheckedAsTheClientReadsIt) {
  EXPECT_TRUE(load_config({}, {{"HC_REDIS_URL", "redis://127.0.0.1:6379/2"}}).ok());
  auto tls = load_config({}, {{"HC_REDIS_URL", "rediss://cache:6380"}});
  ASSERT_FALSE(tls.ok());
  EXPECT_TRUE(mentions(tls.error(), "HC_REDIS_URL")) << tls.error().front();
}

TEST(Config, ServeLeavesItsBackgroundWorkToWorkersOnlyWhereTheyShareTheDatabaseAndRedis) {
  const auto embedded = load_config({}, Env{{"HC_BACKGROUND", "false"}});
  ASSERT_FALSE(embedded.ok()) << "nothing would send notifications or make reports";
  EXPECT_TRUE(mentions(embedded.error(), "HC_BACKGROUND"));
  const auto without_redis = load_config({}, Env{{"HC_BACKGROUND", "false"},
                                                 {"HC_DATABASE_URL", "postgresql://hc:pw@db.internal/hc"}});
  EXPECT_FALSE(without_redis.ok()) << "the workers' notifications could not reach this node's sockets";
  const auto shared = load_config({}, Env{{"HC_BACKGROUND", "false"},
                                          {"HC_DATABASE_URL", "postgresql://hc:pw@db.internal/hc"},
                                          {"HC_REDIS_URL", "redis://redis.internal:6379"}});
  ASSERT_TRUE(shared.ok());
  EXPECT_FALSE(shared->background);
  EXPECT_TRUE(load_config({}, {})->background) << "by default serve does it all";
}

TEST(Config, EveryBadSettingIsReportedAtOnce) {
  auto config = load_config({{"listen", "nonsense"}, {"log-level", "loud"}},
                            {{"HC_IDLE_TIMEOUT", "abc"}, {"HC_DATABASE_URL", "mysql://x"}, {"HC_LISTNE", "1"}});
  ASSERT_FALSE(config.ok());
  const auto& errors = config.error();
  EXPECT_EQ(errors.size(), 5u);
  EXPECT_TRUE(mentions(errors, "HC_LISTEN (--listen): 'nonsense'"));
  EXPECT_TRUE(mentions(errors, "HC_LOG_LEVEL"));
  EXPECT_TRUE(mentions(errors, "HC_IDLE_TIMEOUT"));
  EXPECT_TRUE(mentions(errors, "HC_DATABASE_URL"));
  EXPECT_TRUE(mentions(errors, "HC_LISTNE"));
}

TEST(Config, RejectsOutOfRangeNumbersAndPorts) {
  EXPECT_FALSE(load_config({{"listen", "127.0.0.1:70000"}}, {}).ok());
  EXPECT_FALSE(load_config({{"listen", "localhost:80"}}, {}).ok());  // an IP address, not a name
  EXPECT_FALSE(load_config({{"max-body-bytes", "-1"}}, {}).ok());
  EXPECT_FALSE(load_config({{"request-timeout", "0"}}, {}).ok());
  EXPECT_FALSE(load_config({{"io-threads", "2x"}}, {}).ok());
  EXPECT_TRUE(load_config({{"listen", "[::1]:0"}}, {}).ok());
}

TEST(Config, AllowedOriginsAreAListOfOrigins) {
  auto config = load_config({{"allowed-origins", "https://a.example, http://b.example:8080"}}, {});
  ASSERT_TRUE(config.ok());
  EXPECT_EQ(config->allowed_origins, (std::vector<std::string>{"https://a.example", "http://b.example:8080"}));
  EXPECT_FALSE(load_config({{"allowed-origins", "a.example/"}}, {}).ok());
}

TEST(Config, FileProblemsNameTheLine) {
  const auto file = std::filesystem::temp_directory_path() / ("hc-bad-" + std::to_string(::getpid()) + ".conf");
  std::ofstream(file) << "listen = 127.0.0.1:1\nno equals sign\ncolour = blue\n";
  std::vector<std::string> errors;
  const RawSettings raw = read_config_file(file, errors);
  std::filesystem::remove(file);
  EXPECT_EQ(raw.at("listen"), "127.0.0.1:1");
  EXPECT_EQ(errors.size(), 2u);
  EXPECT_TRUE(mentions(errors, ":2: expected key = value"));
  EXPECT_TRUE(mentions(errors, ":3: unknown setting 'colour'"));
  std::vector<std::string> missing;
  read_config_file("/nonexistent/hc.conf", missing);
  EXPECT_EQ(missing.size(), 1u);
}

void write_index_html(const std::filesystem::path& folder) {
  std::filesystem::create_directories(folder);
  std::ofstream(folder / "index.html") << "<!doctype html>";
}

TEST(Config, WebDirIsLeftToDiscoveryUnlessGiven) {
  auto unset = load_config({}, {});
  ASSERT_TRUE(unset.ok());
  EXPECT_FALSE(unset->web_dir.has_value());
  auto empty = load_config({}, {{"HC_WEB_DIR", ""}});
  ASSERT_TRUE(empty.ok());
  EXPECT_FALSE(empty->web_dir.has_value());
  auto none = load_config({{"web-dir", "none"}}, {});
  ASSERT_TRUE(none.ok());
  EXPECT_EQ(none->web_dir, std::filesystem::path{});
}

TEST(Config, WebDirMustHoldAnIndexHtml) {
  const test::TempDir dir;
  auto without = load_config({{"web-dir", dir.str()}, {"log-level", "loud"}}, {});
  ASSERT_FALSE(without.ok());
  EXPECT_EQ(without.error().size(), 2u);  // listed with the others
  EXPECT_TRUE(mentions(without.error(), "HC_WEB_DIR (--web-dir): '" + dir.str() + "' has no index.html"));
  EXPECT_FALSE(load_config({{"web-dir", (dir.path() / "missing").string()}}, {}).ok());
  write_index_html(dir.path());
  auto with = load_config({}, {{"HC_WEB_DIR", dir.str()}});
  ASSERT_TRUE(with.ok());
  EXPECT_EQ(with->web_dir, dir.path());
}

TEST(Config, BuiltWebAppIsFoundInTheWorkingDirectoryThenBesideTheBuild) {
  const test::TempDir dir;
  const auto cwd = dir.path() / "cwd";
  const auto executable = dir.path() / "repo" / "build" / "release" / "hotelcoupon";
  std::filesystem::create_directories(cwd);
  EXPECT_EQ(find_built_web_app(cwd, executable), std::filesystem::path{});
  std::filesystem::create_directories(dir.path() / "repo" / "web" / "dist");  // not built yet: no index.html
  EXPECT_EQ(find_built_web_app(cwd, executable), std::filesystem::path{});
  write_index_html(dir.path() / "repo" / "web" / "dist");
  EXPECT_EQ(find_built_web_app(cwd, executable), dir.path() / "repo" / "web" / "dist");
  write_index_html(cwd / "web" / "dist");
  EXPECT_EQ(find_built_web_app(cwd, executable), cwd / "web" / "dist");
}

TEST(Config, TheDeskLimitIsTwentyWrongCodesUnlessSetOtherwise) {
  auto defaults = load_config({}, {});
  ASSERT_TRUE(defaults.ok());
  EXPECT_EQ(defaults->desk_max_failures, 20);
  auto raised = load_config({}, {{"HC_DESK_MAX_FAILURES", "100000"}});
  ASSERT_TRUE(raised.ok());
  EXPECT_EQ(raised->desk_max_failures, 100000);
  auto zero = load_config({{"desk-max-failures", "0"}}, {});
  ASSERT_FALSE(zero.ok());
  EXPECT_TRUE(mentions(zero.error(), "HC_DESK_MAX_FAILURES"));
}

TEST(Config, EverySettingHasAnEnvironmentVariableNamedAfterItsFlag) {
  for (const Setting& setting : settings()) {
    std::string expected = "HC_";
    for (char c : setting.key) expected += c == '-' ? '_' : static_cast<char>(std::toupper(c));
    EXPECT_EQ(setting.env, expected);
  }
}

}  // namespace
}  // namespace hc::app
