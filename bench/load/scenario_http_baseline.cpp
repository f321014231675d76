// http-baseline: GET /healthz with keep-alive on 64 connections, and the same load against nginx's `return 200`
// on the same machine in the same run: the ceiling an HTTP server on this machine can approach.
#include "child_process.hpp"
#include "nginx_server.hpp"
#include "scenarios.hpp"
#include "temp_dir.hpp"

#include <unistd.h>

#include <fstream>

namespace hc::bench {
namespace {

constexpr std::size_t kConnections = 64;
constexpr double kTargetRatio = 0.7;

// nginx answering every request with a fixed 200, with as many workers as cores and its access log on (as the
// server logs each request too).
class StaticNginx {
 public:
  StaticNginx() {
    for (int attempt = 0; attempt < 5 && !process_; ++attempt) launch(test::free_loopback_port());
    if (!process_) throw std::runtime_error("nginx did not start: " + test::read_text_file(dir_.path() / "error.log"));
  }
  [[nodiscard]] std::uint16_t port() const { return port_; }
  [[nodiscard]] ProcessUsage usage() const { return usage_of_family(process_->pid()); }

 private:
  void launch(std::uint16_t port) {
    const std::string d = dir_.str();
    const std::string user = ::geteuid() == 0 ? "user root;\n" : "";
    std::ofstream(dir_.path() / "nginx.conf")
        << user << "daemon off;\nworker_processes auto;\npid " << d << "/nginx.pid;\nerror_log " << d
        << "/error.log warn;\nevents { worker_connections 4096; }\nhttp {\n  access_log " << d
        << "/access.log;\n  client_body_temp_path " << d << "/body;\n  proxy_temp_path " << d
        << "/proxy;\n  fastcgi_temp_path " << d << "/fastcgi;\n  uwsgi_temp_path " << d << "/uwsgi;\n  scgi_temp_path "
        << d << "/scgi;\n  keepalive_requests 100000000;\n  server {\n    listen 127.0.0.1:" << port
        << ";\n    location / { default_type application/json; return 200 '{\"status\":\"ok\"}'; }\n  }\n}\n";
    auto process = std::make_unique<test::ChildProcess>(
        std::vector<std::string>{test::nginx_program(), "-p", d, "-c", (dir_.path() / "nginx.conf").string()},
        dir_.path() / "output.log");
    if (test::wait_until([&] { return !process->running() || test::accepts_connections(port); },
                         std::chrono::seconds(10)) &&
        process->running()) {
      process_ = std::move(process);
      port_ = port;
    }
  }

  test::TempDir dir_;
  std::unique_ptr<test::ChildProcess> process_;
  std::uint16_t port_ = 0;
};

LoadPlan plan_for(const Options& options) {
  LoadPlan plan;
  plan.connections = kConnections;
  plan.warmup = options.quick ? std::chrono::milliseconds(200) : std::chrono::seconds(2);
  plan.duration = options.quick ? std::chrono::milliseconds(1000) : std::chrono::seconds(10);
  return plan;
}

std::optional<Request> healthz(std::size_t, std::uint64_t) { return Request{"/healthz", {}}; }

}  // namespace

std::vector<Row> run_http_baseline(const Options& options) {
  // The answer to /healthz touches no database, so the embedded profile stands for both.
  Stage stage(options, Profile::embedded);
  stage.start();
  progress("http-baseline: GET /healthz on the server, " + std::to_string(kConnections) + " connections");
  Measured ours = stage.measure(plan_for(options), healthz);
  expect_only(ours.load, 200, "the server's /healthz");

  progress("http-baseline: the same against nginx's return 200");
  StaticNginx nginx;
  LoadPlan plan = plan_for(options);
  plan.port = nginx.port();
  Measured theirs = measure_load(plan, healthz, [&nginx] { return nginx.usage(); });
  expect_only(theirs.load, 200, "nginx");

  const double ratio = theirs.load.per_second() > 0 ? ours.load.per_second() / theirs.load.per_second() : 0;
  Row server = stage.row("http-baseline", "GET /healthz (hotelcoupon)", ours.load.per_second(), "req/s", ours);
  char ratio_text[64];
  std::snprintf(ratio_text, sizeof ratio_text, "%.2f of nginx (target >= %.1f)", ratio, kTargetRatio);
  server.target = verdict(ratio_text, ratio >= kTargetRatio);
  server.details["ratio_to_nginx"] = ratio;
  Row ceiling =
      stage.row("http-baseline", "GET /healthz (nginx return 200)", theirs.load.per_second(), "req/s", theirs);
  ceiling.profile = "nginx";
  ceiling.target = "the ceiling";
  return {server, ceiling};
}

}  // namespace hc::bench
