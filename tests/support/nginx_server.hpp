#pragma once
// nginx in front of serve nodes, as deploy/nginx sets it up: a server block on a free loopback port that includes
// deploy/nginx/hotelcoupon-proxy.conf itself, with an upstream of the given nodes. Its files (configuration, logs,
// temporary bodies) live in a temporary folder.
#include <cstdint>
#include <memory>
#include <string>
#include <vector>

#include "child_process.hpp"
#include "temp_dir.hpp"

namespace hc::test {

//! Where Debian's nginx is; throws, saying how to install it, when it is not.
std::string nginx_program();

class NginxServer {
 public:
  //! Starts nginx with an upstream of 127.0.0.1:<port> for each port; throws with the reason (nginx missing, a bad
  //! configuration, did not start).
  explicit NginxServer(const std::vector<std::uint16_t>& upstream_ports);

  NginxServer(const NginxServer&) = delete;
  NginxServer& operator=(const NginxServer&) = delete;
  NginxServer(NginxServer&&) = delete;
  NginxServer& operator=(NginxServer&&) = delete;
  ~NginxServer();

  [[nodiscard]] std::uint16_t port() const { return port_; }
  //! nginx's error log (upstream failures are logged there).
  [[nodiscard]] std::string error_log() const;

 private:
  bool launch(const std::vector<std::uint16_t>& upstream_ports);

  TempDir dir_;
  std::uint16_t port_ = 0;
  std::unique_ptr<ChildProcess> process_;
};

}  // namespace hc::test
