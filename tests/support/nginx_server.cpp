#include "nginx_server.hpp"

#include <unistd.h>

#include <fstream>
#include <stdexcept>

namespace hc::test {
namespace {

constexpr int kPortAttempts = 5;

// The whole configuration but the proxying itself, which is the deployed snippet.
std::string configuration(const std::filesystem::path& dir, std::uint16_t port,
                          const std::vector<std::uint16_t>& upstream_ports) {
  const std::string d = dir.string();
  std::string upstream;
  for (const std::uint16_t node : upstream_ports) {
    upstream += "    server 127.0.0.1:" + std::to_string(node) + " max_fails=1 fail_timeout=5s;\n";
  }
  // Under root, the workers would switch to `nobody`, which cannot write in the test's folder.
  const std::string user = ::geteuid() == 0 ? "user root;\n" : "";
  return user + "daemon off;\nworker_processes 1;\npid " + d + "/nginx.pid;\nerror_log " + d +
         "/error.log info;\nevents { worker_connections 4096; }\nhttp {\n  access_log " + d +
         "/access.log;\n  client_body_temp_path " + d + "/body;\n  proxy_temp_path " + d +
         "/proxy;\n  fastcgi_temp_path " + d + "/fastcgi;\n  uwsgi_temp_path " + d + "/uwsgi;\n  scgi_temp_path " + d +
         "/scgi;\n  upstream hotelcoupon {\n" + upstream + "    keepalive 16;\n  }\n  server {\n    listen 127.0.0.1:" +
         std::to_string(port) + ";\n    include " + HC_DEPLOY_DIR + "/nginx/hotelcoupon-proxy.conf;\n  }\n}\n";
}

}  // namespace

std::string nginx_program() {
  for (const char* candidate : {"/usr/sbin/nginx", "/usr/local/sbin/nginx", "/usr/bin/nginx"}) {
    if (::access(candidate, X_OK) == 0) return candidate;
  }
  throw std::runtime_error("nginx is not installed: run scripts/install-deps --test");
}

NginxServer::NginxServer(const std::vector<std::uint16_t>& upstream_ports) {
  for (int attempt = 0; attempt < kPortAttempts; ++attempt) {
    port_ = free_loopback_port();  // nginx must be told its port
    if (launch(upstream_ports)) return;
  }
  throw std::runtime_error("nginx did not start in " + std::to_string(kPortAttempts) + " attempts; its log:\n" +
                           error_log());
}

NginxServer::~NginxServer() = default;

std::string NginxServer::error_log() const { return read_text_file(dir_.path() / "error.log"); }

bool NginxServer::launch(const std::vector<std::uint16_t>& upstream_ports) {
  const auto conf = dir_.path() / "nginx.conf";
  std::ofstream(conf) << configuration(dir_.path(), port_, upstream_ports);
  process_ = std::make_unique<ChildProcess>(
      std::vector<std::string>{nginx_program(), "-p", dir_.str(), "-c", conf.string()}, dir_.path() / "output.log");
  const bool up = wait_until([&] { return !process_->running() || accepts_connections(port_); },
                             std::chrono::seconds(10)) &&
                  process_->running();
  if (!up) process_.reset();
  return up;
}

}  // namespace hc::test
