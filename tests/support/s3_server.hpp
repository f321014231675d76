#pragma once
// A real S3-compatible server for tests: s3rver from the npm registry (installed into tests/services by
// scripts/install-test-services), on a free loopback port, with its data in a temporary folder and one bucket.
// It refuses an unknown access key, but does not verify version-4 signatures.
#include "child_process.hpp"
#include "temp_dir.hpp"

#include <cstdint>
#include <memory>
#include <string>

namespace hc::test {

class S3Server {
 public:
  static constexpr std::string_view kBucket = "hotelcoupon-test";
  static constexpr std::string_view kAccessKey = "S3RVER";  // s3rver's built-in account
  static constexpr std::string_view kSecretKey = "S3RVER";

  //! Starts it and waits until it listens; throws with the reason (s3rver not installed, did not start).
  S3Server();

  //! s3://hotelcoupon-test?endpoint=http://127.0.0.1:<port>&region=us-east-1
  [[nodiscard]] std::string url() const;
  //! http://127.0.0.1:<port>
  [[nodiscard]] std::string endpoint() const;

  //! Stops the server (its data stays); the port refuses connections until start().
  void stop();
  //! Starts it again on the same port and data.
  void start();

 private:
  TempDir data_;
  std::uint16_t port_ = 0;
  std::unique_ptr<ChildProcess> process_;
};

}  // namespace hc::test
