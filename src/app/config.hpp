#pragma once
// The one typed configuration, read once at start-up from flags, then HC_* environment variables, then an
// optional file; every bad setting is reported at once.
#include "app/limits.hpp"
#include "core/log.hpp"
#include "core/result.hpp"
#include "net/dispatcher.hpp"

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

namespace hc::app {

struct Config {
  std::string listen_host = "127.0.0.1";
  std::uint16_t listen_port = 8080;
  std::filesystem::path data_dir = "./var";
  std::string database_url;  // always set after loading (derived from data_dir by default)
  std::string redis_url;     // empty: the in-process bus and queue
  std::string storage_url;   // always set after loading
  // For an s3:// storage_url: the keys, given directly or in a file of "access_key = ..." and "secret_key = ..."
  // lines (read at start-up, so the secret need not sit in the environment).
  std::string s3_access_key;
  std::string s3_secret_key;
  std::filesystem::path s3_credentials_file;
  std::vector<std::string> allowed_origins;  // empty: only the server's own origin
  // The built web app to serve at /. Unset: the one find_built_web_app finds, if any; empty: none.
  std::optional<std::filesystem::path> web_dir;
  LogLevel log_level = LogLevel::info;
  unsigned io_threads = 1;
  unsigned worker_threads = 4;
  net::HttpLimits http;
  std::chrono::seconds shutdown_grace{10};
  std::filesystem::path jwt_secret_file;  // empty: <data_dir>/secrets/jwt.key, generated on first run
  std::chrono::seconds access_token_ttl{15 * 60};
  std::chrono::seconds refresh_token_ttl{30 * 24 * 3600};
  // Wrong codes a hotelier, and a client address, may type at the desk within kDeskWindow before 429.
  int desk_max_failures = kDeskMaxFailures;
  bool trust_proxy = false;
  bool background = true;  // serve runs the outbox, the interaction fold and the report jobs too
  std::string sqlite_synchronous = "FULL";

  //! The SQLite file when database_url is sqlite://, else empty.
  [[nodiscard]] std::filesystem::path sqlite_path() const;
};

//! One setting: its key (the flag is --key), its environment variable, and what it means.
struct Setting {
  std::string_view key;
  std::string_view env;
  std::string_view help;
};

//! Every setting, in the order `--help` lists them.
const std::vector<Setting>& settings();

//! Setting key → text value, as given by one source.
using RawSettings = std::map<std::string, std::string, std::less<>>;

//! Reads `key = value` lines (key as the flag without dashes or as the variable; '#' starts a comment);
//! appends a message per bad line to `errors`.
RawSettings read_config_file(const std::filesystem::path& path, std::vector<std::string>& errors);

//! Picks the HC_* variables out of an environment; appends a message per unknown HC_* name to `errors`.
RawSettings settings_from_environment(const std::map<std::string, std::string>& env, std::vector<std::string>& errors);

//! Validates merged settings into a Config, listing every bad one.
Result<Config, std::vector<std::string>> build_config(const RawSettings& merged);

//! Where the web app is when HC_WEB_DIR is not set: `web/dist` under the working directory, else the repository's
//! `web/dist` seen from the binary at build/<preset>/hotelcoupon; the first with an index.html, or empty.
std::filesystem::path find_built_web_app(const std::filesystem::path& working_dir,
                                         const std::filesystem::path& executable);

//! The whole load: file (from --config or HC_CONFIG) < environment < flags.
Result<Config, std::vector<std::string>> load_config(const RawSettings& flags,
                                                     const std::map<std::string, std::string>& env);

}  // namespace hc::app
