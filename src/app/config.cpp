#include "app/config.hpp"

#include "objects/s3_store.hpp"
#include "redis/connection.hpp"

#include <algorithm>
#include <charconv>
#include <fstream>
#include <thread>

#include <boost/asio/ip/address.hpp>

namespace hc::app {
namespace {

const Setting* find_setting(std::string_view name) {
  for (const Setting& setting : settings()) {
    if (setting.key == name || setting.env == name) return &setting;
  }
  return nullptr;
}

std::string describe(const Setting& setting) {
  return std::string(setting.env) + " (--" + std::string(setting.key) + ")";
}

std::string_view trim(std::string_view text) {
  const auto first = text.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = text.find_last_not_of(" \t\r");
  return text.substr(first, last - first + 1);
}

template <class Int>
std::optional<Int> parse_int(std::string_view text, Int min, Int max) {
  Int value{};
  const auto [end, ec] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (ec != std::errc{} || end != text.data() + text.size() || value < min || value > max) return std::nullopt;
  return value;
}

std::optional<bool> parse_bool(std::string_view text) {
  if (text == "true" || text == "1" || text == "yes" || text == "on") return true;
  if (text == "false" || text == "0" || text == "no" || text == "off") return false;
  return std::nullopt;
}

std::vector<std::string> split_list(std::string_view text) {
  std::vector<std::string> items;
  while (!text.empty()) {
    const auto comma = text.find(',');
    const std::string_view item = trim(text.substr(0, comma));
    if (!item.empty()) items.emplace_back(item);
    if (comma == std::string_view::npos) break;
    text.remove_prefix(comma + 1);
  }
  return items;
}

bool starts_with_any(std::string_view text, std::initializer_list<std::string_view> prefixes) {
  return std::any_of(prefixes.begin(), prefixes.end(), [&](std::string_view p) { return text.starts_with(p); });
}

bool has_index_html(const std::filesystem::path& folder) {
  std::error_code ec;
  return std::filesystem::is_regular_file(folder / "index.html", ec);
}

// Reads settings one by one, recording a message for each bad one.
class Builder {
 public:
  explicit Builder(const RawSettings& raw) : raw_(raw) {}

  std::optional<std::string_view> get(std::string_view key) const {
    const auto it = raw_.find(key);
    if (it == raw_.end()) return std::nullopt;
    return it->second;
  }

  void bad(std::string_view key, std::string_view value, std::string_view why) {
    errors_.push_back(describe(*find_setting(key)) + ": '" + std::string(value) + "' " + std::string(why));
  }

  template <class Int>
  void integer(std::string_view key, Int& out, Int min, Int max) {
    const auto text = get(key);
    if (!text) return;
    if (auto value = parse_int<Int>(*text, min, max)) {
      out = *value;
    } else {
      bad(key, *text, "is not a whole number from " + std::to_string(min) + " to " + std::to_string(max));
    }
  }

  void seconds(std::string_view key, std::chrono::seconds& out, std::int64_t min, std::int64_t max) {
    std::int64_t value = out.count();
    integer<std::int64_t>(key, value, min, max);
    out = std::chrono::seconds(value);
  }

  std::vector<std::string> take_errors() { return std::move(errors_); }

 private:
  const RawSettings& raw_;
  std::vector<std::string> errors_;
};

void read_listen(Builder& b, Config& config) {
  const auto text = b.get("listen");
  if (!text) return;
  const auto colon = text->rfind(':');
  if (colon == std::string_view::npos) return b.bad("listen", *text, "is not host:port");
  std::string host(text->substr(0, colon));
  if (host.size() > 2 && host.front() == '[' && host.back() == ']') host = host.substr(1, host.size() - 2);
  boost::system::error_code ec;
  boost::asio::ip::make_address(host, ec);
  const auto port = parse_int<std::uint16_t>(text->substr(colon + 1), 0, 65535);
  if (ec || !port) return b.bad("listen", *text, "is not host:port with an IP address and a port from 0 to 65535");
  config.listen_host = host;
  config.listen_port = *port;
}

// A URL as an error may quote it: without its user name and password.
std::string without_userinfo(std::string_view url) {
  const auto scheme_end = url.find("://");
  const auto at = url.find('@');
  if (scheme_end == std::string_view::npos || at == std::string_view::npos || at < scheme_end) return std::string(url);
  return std::string(url.substr(0, scheme_end + 3)) + "…" + std::string(url.substr(at));
}

void read_storage_urls(Builder& b, Config& config) {
  if (auto text = b.get("data-dir")) {
    if (text->empty()) b.bad("data-dir", *text, "must not be empty");
    else config.data_dir = std::string(*text);
  }
  config.database_url = "sqlite://" + (config.data_dir / "hotelcoupon.db").string();
  if (auto text = b.get("database-url")) {
    if (starts_with_any(*text, {"sqlite://", "postgresql://", "postgres://"}) && text->size() > 9) {
      config.database_url = std::string(*text);
    } else {
      b.bad("database-url", without_userinfo(*text), "must start with sqlite:// or postgresql://");
    }
  }
  config.storage_url = "file://" + (config.data_dir / "objects").string();
  if (auto text = b.get("storage-url")) {
    if (starts_with_any(*text, {"file://", "s3://"}) && text->size() > 7) {
      config.storage_url = std::string(*text);
    } else {
      b.bad("storage-url", without_userinfo(*text), "must start with file:// or s3://");
    }
  }
  if (auto text = b.get("s3-access-key")) config.s3_access_key = std::string(*text);
  if (auto text = b.get("s3-secret-key")) config.s3_secret_key = std::string(*text);
  if (auto text = b.get("s3-credentials-file")) config.s3_credentials_file = std::string(*text);
  if (config.storage_url.starts_with("s3://")) {
    if (auto location = objects::parse_s3_url(config.storage_url); !location) {
      b.bad("storage-url", without_userinfo(config.storage_url), location.error());
    }
    const bool has_keys = !config.s3_access_key.empty() && !config.s3_secret_key.empty();
    if (!has_keys && config.s3_credentials_file.empty()) {
      b.bad("storage-url", without_userinfo(config.storage_url),
            "needs credentials: HC_S3_ACCESS_KEY and HC_S3_SECRET_KEY, or HC_S3_CREDENTIALS_FILE");
    }
  }
  if (auto text = b.get("redis-url")) {
    if (text->empty()) {
      config.redis_url.clear();
    } else if (auto endpoint = redis::parse_url(*text)) {
      config.redis_url = std::string(*text);
    } else {
      b.bad("redis-url", without_userinfo(*text), endpoint.error());
    }
  }
}

void read_web(Builder& b, Config& config) {
  if (auto text = b.get("allowed-origins")) {
    config.allowed_origins = split_list(*text);
    for (const std::string& origin : config.allowed_origins) {
      const bool looks_right = starts_with_any(origin, {"http://", "https://"}) && origin.back() != '/';
      if (!looks_right) b.bad("allowed-origins", origin, "is not an origin like https://coupons.example.com");
    }
  }
  // An empty value (HC_WEB_DIR= in an env file) is the same as none given: the built app is looked for.
  if (auto text = b.get("web-dir"); text && !text->empty()) {
    if (*text == "none") config.web_dir = std::filesystem::path{};
    else if (has_index_html(*text)) config.web_dir = std::string(*text);
    else b.bad("web-dir", *text, "has no index.html (build the web app, or say none)");
  }
  if (auto text = b.get("log-level")) {
    if (auto level = parse_log_level(*text)) config.log_level = *level;
    else b.bad("log-level", *text, "is not one of debug, info, warn, error, off");
  }
  if (auto text = b.get("trust-proxy")) {
    if (auto value = parse_bool(*text)) config.trust_proxy = *value;
    else b.bad("trust-proxy", *text, "is not true or false");
  }
  if (auto text = b.get("background")) {
    if (auto value = parse_bool(*text)) config.background = *value;
    else b.bad("background", *text, "is not true or false");
  }
}

void read_limits(Builder& b, Config& config) {
  b.integer<unsigned>("io-threads", config.io_threads, 1, 256);
  b.integer<unsigned>("worker-threads", config.worker_threads, 1, 1024);
  b.integer<std::size_t>("max-connections", config.http.max_connections, 1, 1'000'000);
  b.integer<std::size_t>("max-body-bytes", config.http.max_json_body, 1024, 16 * 1024 * 1024);
  b.integer<std::size_t>("max-header-bytes", config.http.max_header_bytes, 1024, 1024 * 1024);
  b.seconds("request-timeout", config.http.request_timeout, 1, 3600);
  b.seconds("idle-timeout", config.http.idle_timeout, 1, 3600);
  b.seconds("shutdown-grace", config.shutdown_grace, 0, 3600);
}

void read_security(Builder& b, Config& config) {
  if (auto text = b.get("jwt-secret-file")) config.jwt_secret_file = std::string(*text);
  b.seconds("access-token-ttl", config.access_token_ttl, 60, 24 * 3600);
  b.seconds("refresh-token-ttl", config.refresh_token_ttl, 3600, 365 * 24 * 3600);
  b.integer<int>("desk-max-failures", config.desk_max_failures, 1, 1'000'000'000);
  if (auto text = b.get("sqlite-synchronous")) {
    if (*text == "FULL" || *text == "NORMAL" || *text == "EXTRA") config.sqlite_synchronous = std::string(*text);
    else b.bad("sqlite-synchronous", *text, "is not one of FULL, EXTRA, NORMAL");
  }
}

}  // namespace

std::filesystem::path Config::sqlite_path() const {
  constexpr std::string_view kScheme = "sqlite://";
  if (!database_url.starts_with(kScheme)) return {};
  return database_url.substr(kScheme.size());
}

const std::vector<Setting>& settings() {
  static const std::vector<Setting> kSettings{
      {"listen", "HC_LISTEN", "Address to listen on, host:port (port 0 picks a free port). Default 127.0.0.1:8080"},
      {"data-dir", "HC_DATA_DIR", "Folder for the SQLite file, objects and generated secrets. Default ./var"},
      {"database-url", "HC_DATABASE_URL", "sqlite://<file> or postgresql://... Default sqlite://<data dir>/hotelcoupon.db"},
      {"redis-url", "HC_REDIS_URL", "redis://host:port for the bus and queue between nodes. Default: in-process"},
      {"storage-url", "HC_STORAGE_URL", "file://<folder> or s3://bucket?endpoint=...&region=... Default file://<data dir>/objects"},
      {"s3-access-key", "HC_S3_ACCESS_KEY", "Access key for an s3:// storage URL"},
      {"s3-secret-key", "HC_S3_SECRET_KEY", "Secret key for an s3:// storage URL (prefer the credentials file)"},
      {"s3-credentials-file", "HC_S3_CREDENTIALS_FILE", "File of access_key = ... and secret_key = ... lines for s3://"},
      {"allowed-origins", "HC_ALLOWED_ORIGINS", "Comma-separated browser origins allowed to call the API. Default: the server's own"},
      {"web-dir", "HC_WEB_DIR", "Folder of the built web app to serve at /, or none. Default: web/dist here or in the repository, if built"},
      {"log-level", "HC_LOG_LEVEL", "debug, info, warn, error or off. Default info"},
      {"config", "HC_CONFIG", "A file of key = value settings, read after flags and environment"},
      {"io-threads", "HC_IO_THREADS", "Threads serving sockets. Default: one per core"},
      {"worker-threads", "HC_WORKER_THREADS", "Threads for database calls and hashing. Default: 2 per core, at least 4"},
      {"max-connections", "HC_MAX_CONNECTIONS", "Open connections at most; more get 503. Default 10000"},
      {"max-body-bytes", "HC_MAX_BODY_BYTES", "Largest JSON request body. Default 65536"},
      {"max-header-bytes", "HC_MAX_HEADER_BYTES", "Largest request header block. Default 8192"},
      {"request-timeout", "HC_REQUEST_TIMEOUT", "Seconds to receive a request's header, and then its body. Default 10"},
      {"idle-timeout", "HC_IDLE_TIMEOUT", "Seconds an idle keep-alive connection stays open. Default 60"},
      {"shutdown-grace", "HC_SHUTDOWN_GRACE", "Seconds in-flight requests get to finish on shutdown. Default 10"},
      {"jwt-secret-file", "HC_JWT_SECRET_FILE", "File holding the access-token key (>= 32 bytes). Default: generated in <data dir>/secrets"},
      {"access-token-ttl", "HC_ACCESS_TOKEN_TTL", "Access token lifetime in seconds. Default 900"},
      {"refresh-token-ttl", "HC_REFRESH_TOKEN_TTL", "Refresh token lifetime in seconds. Default 2592000 (30 days)"},
      {"desk-max-failures", "HC_DESK_MAX_FAILURES", "Wrong codes a hotelier (and a client address) may type at the desk in 10 minutes before 429. Default 20"},
      {"trust-proxy", "HC_TRUST_PROXY", "Take the client address from X-Forwarded-For (behind nginx). Default false"},
      {"background", "HC_BACKGROUND", "Whether serve also does the background work (outbox, counters, reports); false on nodes whose workers do it. Default true"},
      {"sqlite-synchronous", "HC_SQLITE_SYNCHRONOUS", "SQLite synchronous mode: FULL, EXTRA or NORMAL. Default FULL"},
  };
  return kSettings;
}

RawSettings read_config_file(const std::filesystem::path& path, std::vector<std::string>& errors) {
  std::ifstream in(path);
  RawSettings raw;
  if (!in) {
    errors.push_back("HC_CONFIG (--config): cannot read '" + path.string() + "'");
    return raw;
  }
  std::string line;
  for (int number = 1; std::getline(in, line); ++number) {
    std::string_view text = trim(std::string_view(line).substr(0, line.find('#')));
    if (text.empty()) continue;
    const auto equals = text.find('=');
    const Setting* setting = equals == std::string_view::npos ? nullptr : find_setting(trim(text.substr(0, equals)));
    const std::string where = path.string() + ":" + std::to_string(number);
    if (equals == std::string_view::npos) {
      errors.push_back(where + ": expected key = value");
    } else if (setting == nullptr || setting->key == "config") {
      errors.push_back(where + ": unknown setting '" + std::string(trim(text.substr(0, equals))) + "'");
    } else {
      raw[std::string(setting->key)] = std::string(trim(text.substr(equals + 1)));
    }
  }
  return raw;
}

RawSettings settings_from_environment(const std::map<std::string, std::string>& env, std::vector<std::string>& errors) {
  RawSettings raw;
  for (const auto& [name, value] : env) {
    if (!name.starts_with("HC_")) continue;
    if (const Setting* setting = find_setting(name)) raw[std::string(setting->key)] = value;
    else errors.push_back(name + ": not a known setting (see hotelcoupon --help)");
  }
  return raw;
}

// A serve node that leaves the background work to workers needs what they share with it: the database, and Redis
// to bring their notifications to its sockets. Otherwise nothing would send notifications or make reports.
void check_background(Builder& b, const Config& config) {
  if (config.background) return;
  if (!config.sqlite_path().empty() || config.redis_url.empty()) {
    b.bad("background", "false",
          "needs workers beside this node: a postgresql:// database and HC_REDIS_URL, which they share with it");
  }
}

Result<Config, std::vector<std::string>> build_config(const RawSettings& merged) {
  Config config;
  const unsigned cores = std::max(1u, std::thread::hardware_concurrency());
  config.io_threads = cores;
  config.worker_threads = std::max(4u, 2 * cores);
  Builder builder(merged);
  read_listen(builder, config);
  read_storage_urls(builder, config);
  read_web(builder, config);
  read_limits(builder, config);
  read_security(builder, config);
  check_background(builder, config);
  auto errors = builder.take_errors();
  if (!errors.empty()) return Failure{std::move(errors)};
  return config;
}

std::filesystem::path find_built_web_app(const std::filesystem::path& working_dir,
                                         const std::filesystem::path& executable) {
  const std::filesystem::path candidates[] = {
      working_dir / "web" / "dist",
      (executable.parent_path() / ".." / ".." / "web" / "dist").lexically_normal(),
  };
  for (const auto& candidate : candidates) {
    if (has_index_html(candidate)) return candidate;
  }
  return {};
}

Result<Config, std::vector<std::string>> load_config(const RawSettings& flags,
                                                     const std::map<std::string, std::string>& env) {
  std::vector<std::string> errors;
  const RawSettings from_env = settings_from_environment(env, errors);
  RawSettings merged;
  if (auto it = flags.find("config"); it != flags.end()) merged = read_config_file(it->second, errors);
  else if (auto file = from_env.find("config"); file != from_env.end()) merged = read_config_file(file->second, errors);
  for (const auto& [key, value] : from_env) merged[key] = value;
  for (const auto& [key, value] : flags) merged[key] = value;
  merged.erase("config");
  auto config = build_config(merged);
  if (!config) errors.insert(errors.end(), config.error().begin(), config.error().end());
  if (!errors.empty()) return Failure{std::move(errors)};
  return config;
}

}  // namespace hc::app
