#include "app/cli.hpp"

#include "app/app.hpp"
#include "app/config.hpp"

#include <CLI/CLI.hpp>

#include <filesystem>
#include <iostream>

extern char** environ;  // NOLINT(readability-redundant-declaration): POSIX, not declared by the C++ headers

namespace hc::app {
namespace {

std::map<std::string, std::string> environment() {
  std::map<std::string, std::string> env;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    const std::string_view text(*entry);
    const auto equals = text.find('=');
    if (equals != std::string_view::npos) env.emplace(text.substr(0, equals), text.substr(equals + 1));
  }
  return env;
}

// The running binary: /proc/self/exe, else argv[0] as given.
std::filesystem::path executable_path(const char* argv0) {
  std::error_code ec;
  auto path = std::filesystem::read_symlink("/proc/self/exe", ec);
  if (ec) path = std::filesystem::absolute(argv0, ec);
  return path;
}

int report_config_errors(const std::vector<std::string>& errors) {
  std::cerr << "hotelcoupon: invalid configuration (" << errors.size() << " problem"
            << (errors.size() == 1 ? "" : "s") << "):\n";
  for (const std::string& error : errors) std::cerr << "  - " << error << '\n';
  return 2;
}

}  // namespace

int run_cli(int argc, char** argv) {
  CLI::App cli{"Hotel Coupon: hoteliers publish discount coupons; travellers find, claim and use them.\n"
               "Every setting is a flag, an HC_* environment variable, or a line of the --config file."};
  cli.set_version_flag("--version", std::string("hotelcoupon ") + HC_VERSION);
  std::map<std::string, std::string> values;
  std::vector<std::pair<std::string, CLI::Option*>> options;
  for (const Setting& setting : settings()) {
    const std::string key(setting.key);
    auto* option = cli.add_option("--" + key, values[key], std::string(setting.help) + "  [" + std::string(setting.env) + "]");
    options.emplace_back(key, option);
  }
  auto* serve = cli.add_subcommand("serve", "Serve the API and the web app (applies pending migrations first)");
  auto* worker = cli.add_subcommand(
      "worker", "Do the background work (outbox, counters, reports) beside serve nodes on a shared PostgreSQL database");
  auto* migrate = cli.add_subcommand("migrate", "Apply pending database migrations and exit");
  auto* seed = cli.add_subcommand("seed-demo", "Load the demo accounts and hotels when the database is empty");
  for (auto* sub : {serve, worker, migrate, seed}) sub->fallthrough();
  cli.require_subcommand(1);
  CLI11_PARSE(cli, argc, argv);

  RawSettings flags;
  for (const auto& [key, option] : options) {
    if (option->count() > 0) flags[key] = values[key];
  }
  auto config = load_config(flags, environment());
  if (!config) return report_config_errors(config.error());
  if (*worker || *migrate || *seed) {
    config->web_dir = std::filesystem::path{};  // they serve nothing: the web app is not read
  } else if (!config->web_dir) {
    std::error_code ec;
    config->web_dir = find_built_web_app(std::filesystem::current_path(ec), executable_path(argv[0]));
  }

  const Logger log = Logger::to_stdout(config->log_level);
  try {
    App app(std::move(*config), log);
    if (*migrate) {
      app.migrate();
      return 0;
    }
    if (*seed) {
      app.migrate();
      app.seed_demo();
      return 0;
    }
    if (*worker) return app.work();
    return app.serve();
  } catch (const std::exception& e) {
    log.error("cannot start", {{"what", std::string_view(e.what())}});
    std::cerr << "hotelcoupon: " << e.what() << '\n';
    return 1;
  }
}

}  // namespace hc::app
