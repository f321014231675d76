#include "objects/s3_store.hpp"

#include "core/encoding.hpp"

#include <boost/url/parse.hpp>
#include <curl/curl.h>
#include <sodium.h>

#include <array>
#include <memory>
#include <mutex>

namespace hc::objects {
namespace {

// A bucket name as S3 allows it: 3-63 characters of [a-z0-9.-], starting and ending with a letter or digit.
bool is_bucket_name(std::string_view name) {
  if (name.size() < 3 || name.size() > 63) return false;
  const auto edge = [](char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9'); };
  if (!edge(name.front()) || !edge(name.back())) return false;
  for (char c : name) {
    if (!edge(c) && c != '.' && c != '-') return false;
  }
  return true;
}

void init_curl_once() {
  static std::once_flag once;
  std::call_once(once, [] {
    if (curl_global_init(CURL_GLOBAL_DEFAULT) != CURLE_OK) throw StoreError("libcurl could not be initialised");
  });
}

struct CurlDeleter {
  void operator()(CURL* handle) const { curl_easy_cleanup(handle); }
};
struct HeaderListDeleter {
  void operator()(curl_slist* list) const { curl_slist_free_all(list); }
};
using HeaderList = std::unique_ptr<curl_slist, HeaderListDeleter>;

// One handle per thread, reset before each call: its connection cache keeps connections to the service open.
CURL* thread_handle() {
  thread_local std::unique_ptr<CURL, CurlDeleter> handle;
  if (!handle) {
    handle.reset(curl_easy_init());
    if (!handle) throw StoreError("libcurl could not make a handle");
  }
  curl_easy_reset(handle.get());
  return handle.get();
}

struct Answer {
  long status = 0;
  std::string body;
  std::string content_type;
  bool too_large = false;
};

struct Sink {
  Answer* answer;
  std::size_t limit;
};

std::size_t collect_body(char* data, std::size_t size, std::size_t count, void* user) {
  auto* sink = static_cast<Sink*>(user);
  const std::size_t bytes = size * count;
  if (sink->answer->body.size() + bytes > sink->limit) {
    sink->answer->too_large = true;
    return 0;  // libcurl ends the transfer
  }
  sink->answer->body.append(data, bytes);
  return bytes;
}

HeaderList add_header(HeaderList list, const std::string& line) {
  curl_slist* grown = curl_slist_append(list.get(), line.c_str());
  if (grown == nullptr) throw StoreError("out of memory for a request header");
  (void)list.release();
  return HeaderList(grown);
}

// S3 wants the body's SHA-256 in x-amz-content-sha256; libcurl signs that header with the rest.
std::string payload_hash(std::string_view body) {
  std::array<unsigned char, crypto_hash_sha256_BYTES> digest{};
  crypto_hash_sha256(digest.data(), reinterpret_cast<const unsigned char*>(body.data()), body.size());
  return hex_encode(digest);
}

}  // namespace

Result<S3Location, std::string> parse_s3_url(std::string_view url) {
  constexpr std::string_view kScheme = "s3://";
  if (!url.starts_with(kScheme)) return Failure{std::string("must start with s3://")};
  const auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed) return Failure{std::string("is not a URL like s3://bucket?endpoint=https://host&region=eu-west-1")};
  if (parsed->has_userinfo() || parsed->has_port()) {
    return Failure{std::string("has keys or a port before the bucket; give s3://bucket?endpoint=... and the keys in "
                               "HC_S3_ACCESS_KEY and HC_S3_SECRET_KEY or a credentials file")};
  }
  S3Location location{std::string(parsed->encoded_host()), {}, "us-east-1"};
  if (!is_bucket_name(location.bucket)) {
    return Failure{"names the bucket '" + location.bucket + "'; a bucket name is 3-63 characters of a-z, 0-9, '.' and '-'"};
  }
  if (!parsed->encoded_path().empty() && parsed->encoded_path() != "/") {
    return Failure{std::string("has a path after the bucket; give only s3://bucket?endpoint=...&region=...")};
  }
  for (const auto& param : parsed->params()) {
    if (param.key == "endpoint") location.endpoint = param.value;
    else if (param.key == "region") location.region = param.value;
    else return Failure{"has the unknown parameter '" + param.key + "' (endpoint and region are known)"};
  }
  while (location.endpoint.ends_with('/')) location.endpoint.pop_back();
  const auto endpoint = boost::urls::parse_absolute_uri(location.endpoint);
  const bool web_scheme = endpoint && (endpoint->scheme() == "http" || endpoint->scheme() == "https");
  if (!web_scheme || endpoint->encoded_host().empty() || !endpoint->encoded_path().empty() ||
      endpoint->has_query()) {
    return Failure{std::string("needs endpoint=http(s)://host[:port], the service's address without a path")};
  }
  if (location.region.empty()) return Failure{std::string("has an empty region")};
  return location;
}

S3ObjectStore::S3ObjectStore(S3Options options)
    : options_(std::move(options)), signing_("aws:amz:" + options_.location.region + ":s3") {
  init_curl_once();
}

std::string S3ObjectStore::url_of(std::string_view key) const {
  // Keys this system makes need no escaping in a URL (is_valid_key: [a-z0-9._/-]).
  if (!is_valid_key(key)) throw std::invalid_argument("not an object key: '" + std::string(key) + "'");
  return options_.location.endpoint + "/" + options_.location.bucket + "/" + std::string(key);
}

namespace {

struct Call {
  std::string_view method;  // GET, PUT or DELETE
  const std::string& url;
  std::string_view body;          // PUT only
  std::string_view content_type;  // PUT only
  std::chrono::milliseconds timeout;
};

Answer perform(const S3Options& options, const std::string& signing, const Call& call) {
  CURL* curl = thread_handle();
  Answer answer;
  Sink sink{&answer, options.max_object_bytes};
  HeaderList headers = add_header(nullptr, "Expect:");  // no 100-continue round trip before a body
  headers = add_header(std::move(headers), "x-amz-content-sha256: " + payload_hash(call.body));
  curl_easy_setopt(curl, CURLOPT_URL, call.url.c_str());
  curl_easy_setopt(curl, CURLOPT_NOSIGNAL, 1L);  // timeouts without SIGALRM: this runs on pool threads
  curl_easy_setopt(curl, CURLOPT_CONNECTTIMEOUT_MS, static_cast<long>(options.connect_timeout.count()));
  curl_easy_setopt(curl, CURLOPT_TIMEOUT_MS, static_cast<long>(call.timeout.count()));
  curl_easy_setopt(curl, CURLOPT_PROTOCOLS_STR, "http,https");
  curl_easy_setopt(curl, CURLOPT_AWS_SIGV4, signing.c_str());
  curl_easy_setopt(curl, CURLOPT_USERNAME, options.credentials.access_key.c_str());
  curl_easy_setopt(curl, CURLOPT_PASSWORD, options.credentials.secret_key.c_str());
  curl_easy_setopt(curl, CURLOPT_WRITEFUNCTION, collect_body);
  curl_easy_setopt(curl, CURLOPT_WRITEDATA, &sink);
  if (call.method == "PUT") {
    // The body is given whole, so libcurl can put its SHA-256 into the signature.
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, "PUT");
    curl_easy_setopt(curl, CURLOPT_POSTFIELDS, call.body.data());
    curl_easy_setopt(curl, CURLOPT_POSTFIELDSIZE_LARGE, static_cast<curl_off_t>(call.body.size()));
    headers = add_header(std::move(headers), "Content-Type: " + std::string(call.content_type));
  } else if (call.method == "DELETE") {
    curl_easy_setopt(curl, CURLOPT_CUSTOMREQUEST, "DELETE");
  }
  curl_easy_setopt(curl, CURLOPT_HTTPHEADER, headers.get());

  const CURLcode code = curl_easy_perform(curl);
  if (answer.too_large) {
    throw StoreError(std::string(call.method) + " answered more than " + std::to_string(options.max_object_bytes) +
                     " bytes");
  }
  if (code != CURLE_OK) {
    throw StoreError(std::string(call.method) + " to the object store failed: " + curl_easy_strerror(code));
  }
  curl_easy_getinfo(curl, CURLINFO_RESPONSE_CODE, &answer.status);
  const char* type = nullptr;
  if (curl_easy_getinfo(curl, CURLINFO_CONTENT_TYPE, &type) == CURLE_OK && type != nullptr) answer.content_type = type;
  return answer;
}

// S3 answers 404 for a missing key and for a missing bucket; only the first means "no such object".
bool is_missing_bucket(const Answer& answer) {
  return answer.status == 404 && answer.body.find("<Code>NoSuchBucket</Code>") != std::string::npos;
}

[[noreturn]] void fail(std::string_view method, const Answer& answer) {
  // The service's XML error names its code (SignatureDoesNotMatch, NoSuchBucket...); keep it short in the message.
  std::string detail = answer.body.substr(0, 300);
  throw StoreError(std::string(method) + " answered HTTP " + std::to_string(answer.status) +
                   (detail.empty() ? "" : ": " + detail));
}

}  // namespace

void S3ObjectStore::put(std::string_view key, std::string_view bytes, std::string_view content_type) {
  const std::string url = url_of(key);
  const Answer answer = perform(options_, signing_, {"PUT", url, bytes, content_type, options_.timeout});
  if (answer.status != 200) fail("PUT", answer);
}

std::optional<StoredObject> S3ObjectStore::get(std::string_view key) {
  const std::string url = url_of(key);
  Answer answer = perform(options_, signing_, {"GET", url, {}, {}, options_.timeout});
  if (answer.status == 404 && !is_missing_bucket(answer)) return std::nullopt;
  if (answer.status != 200) fail("GET", answer);
  if (answer.content_type.empty()) answer.content_type = "application/octet-stream";
  return StoredObject{std::move(answer.content_type), std::move(answer.body)};
}

void S3ObjectStore::remove(std::string_view key) {
  const std::string url = url_of(key);
  const Answer answer = perform(options_, signing_, {"DELETE", url, {}, {}, options_.timeout});
  const bool gone = answer.status == 204 || answer.status == 200 || (answer.status == 404 && !is_missing_bucket(answer));
  if (!gone) fail("DELETE", answer);
}

void S3ObjectStore::check() {
  // A listing of at most one key: it proves the bucket exists and the credentials are accepted (some services
  // answer HEAD on a bucket without checking the signature).
  const std::string url = options_.location.endpoint + "/" + options_.location.bucket + "?max-keys=1";
  const Answer answer = perform(options_, signing_, {"GET", url, {}, {}, options_.check_timeout});
  if (answer.status == 404) throw StoreError("the bucket '" + options_.location.bucket + "' does not exist");
  if (answer.status == 403) throw StoreError("the object store refused the credentials");
  if (answer.status != 200) fail("GET", answer);
}

}  // namespace hc::objects
