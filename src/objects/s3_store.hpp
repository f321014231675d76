#pragma once
// The object store for several nodes: any S3-compatible service, spoken to over HTTP with libcurl, which signs
// each request itself (AWS Signature Version 4). Objects are addressed path-style, <endpoint>/<bucket>/<key>, which
// every S3-compatible server understands. Every call has a connect timeout and an overall timeout; a failure
// (no answer, a timeout, a 5xx, a refused signature) throws StoreError.
#include "core/result.hpp"
#include "objects/object_store.hpp"

#include <chrono>
#include <string>
#include <string_view>

namespace hc::objects {

struct S3Location {
  std::string bucket;
  std::string endpoint;  // scheme, host and port, no trailing '/': "https://s3.eu-west-1.amazonaws.com"
  std::string region;

  friend bool operator==(const S3Location&, const S3Location&) = default;
};

//! Reads "s3://<bucket>?endpoint=<http(s)://host[:port]>&region=<region>" (region defaults to us-east-1); the
//! error says what is wrong, for the configuration's message.
Result<S3Location, std::string> parse_s3_url(std::string_view url);

struct S3Credentials {
  std::string access_key;
  std::string secret_key;
};

struct S3Options {
  S3Location location;
  S3Credentials credentials;
  std::chrono::milliseconds connect_timeout{2000};
  std::chrono::milliseconds timeout{15000};   // the whole call, a large upload included
  std::chrono::milliseconds check_timeout{2000};  // check(), which a readiness probe waits on
  std::size_t max_object_bytes = 64U << 20U;  // a larger answer is a failure, never a huge allocation
};

class S3ObjectStore final : public ObjectStore {
 public:
  explicit S3ObjectStore(S3Options options);

  //! PUT with the content type; durable when the service acknowledges it.
  void put(std::string_view key, std::string_view bytes, std::string_view content_type) override;
  //! GET; nullopt when there is no such key (a missing bucket is a failure).
  std::optional<StoredObject> get(std::string_view key) override;
  //! DELETE; an object already gone is fine (a missing bucket is a failure).
  void remove(std::string_view key) override;
  //! Lists one key of the bucket: throws StoreError unless it exists and the credentials are accepted (the
  //! credentials need s3:ListBucket on the bucket as well as Get, Put and DeleteObject).
  void check() override;

 private:
  std::string url_of(std::string_view key) const;

  S3Options options_;
  std::string signing_;  // libcurl's CURLOPT_AWS_SIGV4 value, "aws:amz:<region>:s3"
};

}  // namespace hc::objects
