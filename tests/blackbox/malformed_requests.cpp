#include "malformed_requests.hpp"

#include "coupon_fixture.hpp"

#include <algorithm>
#include <array>
#include <random>
#include <utility>
#include <vector>

namespace hc::test {
namespace {

using namespace std::string_literals;
using Rng = std::mt19937_64;
// A JSON object as its members' keys and values (JSON text), so that a fault can be put into one member.
using Members = std::vector<std::pair<std::string, std::string>>;

enum class Who { anyone, traveller, hotelier };

struct JsonRoute {
  std::string_view method;
  std::string target;
  Who who;
  Members body;  // well formed and of the right shape; a category breaks it
};

struct GetRoute {
  std::string target;
  Who who;
  std::vector<std::string_view> bad_queries;  // each one answered 400
};

// splitmix64: request i's generator is seeded from (seed, i) alone.
std::uint64_t mixed(std::uint64_t seed, std::uint64_t index) {
  std::uint64_t z = seed + 0x9E3779B97F4A7C15ULL * (index + 1);
  z = (z ^ (z >> 30U)) * 0xBF58476D1CE4E5B9ULL;
  z = (z ^ (z >> 27U)) * 0x94D049BB133111EBULL;
  return z ^ (z >> 31U);
}

std::size_t below(Rng& rng, std::size_t n) { return std::uniform_int_distribution<std::size_t>(0, n - 1)(rng); }
std::size_t between(Rng& rng, std::size_t low, std::size_t high) {
  return std::uniform_int_distribution<std::size_t>(low, high)(rng);
}
template <class T>
const T& pick(Rng& rng, const std::vector<T>& items) {
  return items[below(rng, items.size())];
}

std::string object_text(const Members& members) {
  std::string text = "{";
  for (const auto& [key, value] : members) {
    if (text.size() > 1) text += ',';
    text += '"' + key + "\":" + value;
  }
  return text + '}';
}

//! A request as written on the wire; Content-Length is added for a body unless the headers bring their own framing.
std::string wire(std::string_view method, std::string_view target, const Headers& headers, std::string_view body) {
  std::string text = std::string(method) + ' ' + std::string(target) + " HTTP/1.1\r\nHost: 127.0.0.1\r\n";
  bool framed = false;
  for (const auto& [name, value] : headers) {
    text += name + ": " + value + "\r\n";
    framed = framed || name == "Content-Length" || name == "Transfer-Encoding";
  }
  if (!framed && (!body.empty() || method == "POST" || method == "PUT" || method == "PATCH")) {
    text += "Content-Length: " + std::to_string(body.size()) + "\r\n";
  }
  return text + "\r\n" + std::string(body);
}

class Builder {
 public:
  Builder(Rng& rng, const AbuseTargets& targets) : rng_(rng), targets_(targets) {}

  MalformedRequest build() {
    MalformedRequest request = category(below(rng_, 12));
    request.fresh_connection = below(rng_, 2) == 0;
    return request;
  }

 private:
  MalformedRequest category(std::size_t which) {
    switch (which) {
      case 0: return broken_json();
      case 1: return invalid_utf8();
      case 2: return deep_nesting();
      case 3: return huge_number();
      case 4: return duplicate_key();
      case 5: return wrong_media_type();
      case 6: return big_header();
      case 7: return big_body();
      case 8: return random_path();
      case 9: return invalid_http();
      case 10: return bad_token();
      default: return bad_query();
    }
  }

  std::string token(Who who) const {
    if (who == Who::traveller) return targets_.traveller_token;
    if (who == Who::hotelier) return targets_.hotelier_token;
    return {};
  }

  Headers json_headers(Who who, std::string_view content_type = "application/json") const {
    Headers headers;
    if (!content_type.empty()) headers.emplace_back("Content-Type", std::string(content_type));
    if (who != Who::anyone) headers.emplace_back("Authorization", "Bearer " + token(who));
    return headers;
  }

  std::vector<JsonRoute> json_routes() const {
    const std::string coupon = "/api/v1/coupons/" + targets_.coupon_id;
    const std::string undo = "/api/v1/hotelier/redemptions/" + targets_.redemption_id + "/undo";
    return {
        {"POST", "/api/v1/auth/register", Who::anyone,
         {{"email", "\"flood@example.com\""}, {"password", "\"a-long-enough-password\""}, {"name", "\"Flood\""},
          {"role", "\"user\""}}},
        {"POST", "/api/v1/auth/login", Who::anyone,
         {{"email", "\"flood@example.com\""}, {"password", "\"a-long-enough-password\""}}},
        {"POST", "/api/v1/auth/refresh", Who::anyone, {{"refresh_token", "\"not-a-refresh-token\""}}},
        {"PATCH", "/api/v1/hotels/mine", Who::hotelier, {{"name", "\"Flood Hotel\""}, {"city", "\"Galway\""}}},
        {"POST", "/api/v1/coupons", Who::hotelier,
         {{"title", "\"Flood\""}, {"discount_percent", "20"}, {"valid_until", "\"2099-12-31\""}, {"quantity", "5"}}},
        {"PATCH", coupon, Who::hotelier, {{"title", "\"Flood\""}, {"discount_percent", "30"}}},
        {"POST", "/api/v1/hotelier/redemptions/lookup", Who::hotelier, {{"code", "\"ABCD-EFGH-JKMN\""}}},
        {"POST", "/api/v1/hotelier/redemptions/use", Who::hotelier, {{"code", "\"ABCD-EFGH-JKMN\""}}},
        {"POST", undo, Who::hotelier, {{"reason", "\"guest changed their mind\""}}},
        {"POST", "/api/v1/me/notifications/read", Who::traveller, {{"ids", "[\"a\",\"b\"]"}}},
        {"POST", "/api/v1/interactions", Who::traveller,
         {{"events", "[{\"coupon_id\":\"" + targets_.coupon_id + "\",\"action\":\"view\"}]"}}},
        {"POST", "/api/v1/hotelier/reports", Who::hotelier,
         {{"from", "\"2026-01-01\""}, {"to", "\"2026-01-31\""}, {"format", "\"csv\""}}},
    };
  }

  std::vector<GetRoute> get_routes() const {
    return {
        {"/api/v1/coupons", Who::traveller,
         {"limit=abc", "limit=-1", "limit=1e999", "cursor=not-a-cursor", "valid_on=2026-02-30", "valid_on=yesterday",
          "sort=sideways", "min_discount=abc", "max_discount=1e999999", "q=%zz", "min_discount=99999999999999999999"}},
        {"/api/v1/me/redemptions", Who::traveller, {"status=bogus", "limit=0x10", "cursor=%%%"}},
        {"/api/v1/me/notifications", Who::traveller, {"unread_only=maybe", "limit=1000000000000"}},
        {"/api/v1/hotelier/coupons", Who::hotelier, {"status=bogus", "limit=abc"}},
        {"/api/v1/hotelier/stats", Who::hotelier, {"from=2026-13-01&to=2026-12-31", "from=abc&to=def"}},
        {"/api/v1/hotelier/desk-log", Who::hotelier, {"cursor=xyz", "limit=-5"}},
    };
  }

  MalformedRequest json_request(std::string_view category, const JsonRoute& route, std::string_view body,
                                std::set<unsigned> expected) const {
    return {category, wire(route.method, route.target, json_headers(route.who), body), std::move(expected)};
  }

  MalformedRequest broken_json() {
    const JsonRoute route = pick(rng_, json_routes());
    std::string body = object_text(route.body);
    switch (below(rng_, 5)) {
      case 0:  // cut short: an object that never closes
        body.resize(between(rng_, 1, body.size() - 1));
        break;
      case 1:
        body += pick(rng_, std::vector<std::string>{"}", ",", "x", "{}", "]", "\"", " // comment", "\0"s});
        break;
      case 2:
        std::replace(body.begin(), body.end(), '"', '\'');
        break;
      case 3:  // the first key without its quotes
        body.erase(body.find('"', 2), 1);
        body.erase(1, 1);
        break;
      default: {  // a brace and noise, never a closing brace
        std::string noise = "{";
        const std::size_t length = between(rng_, 1, 200);
        for (std::size_t i = 0; i < length; ++i) {
          char c = static_cast<char>(between(rng_, 0x20, 0x7e));
          noise += c == '}' ? ':' : c;
        }
        body = noise;
      }
    }
    return json_request("broken JSON", route, body, {400});
  }

  MalformedRequest invalid_utf8() {
    static const std::vector<std::string> kBad{"\xff", "\xfe\xff", "\xc3\x28", "\xed\xa0\x80", "\xf4\x90\x80\x80",
                                               "\xc0\xaf", "\xe2\x82", "\x80", "\xf8\x88\x80\x80\x80"};
    const std::string bad = pick(rng_, kBad);
    if (below(rng_, 4) == 0) {  // in the URL instead of the body: percent-encoded in the query or the path
      std::string encoded;
      for (const char c : bad) encoded += url_encode(std::string(1, c));
      const bool in_query = below(rng_, 2) == 0;
      const std::string target = in_query ? "/api/v1/coupons?q=spa" + encoded : "/api/v1/coupons/" + encoded;
      return {"invalid UTF-8", wire("GET", target, json_headers(Who::traveller, ""), ""),
              in_query ? std::set<unsigned>{400} : std::set<unsigned>{400, 404}};
    }
    JsonRoute route = pick(rng_, json_routes());
    auto& member = route.body[below(rng_, route.body.size())];
    member.second = "\"caf" + bad + "\"";
    return json_request("invalid UTF-8", route, object_text(route.body), {400});
  }

  MalformedRequest deep_nesting() {
    JsonRoute route = pick(rng_, json_routes());
    auto& member = route.body[below(rng_, route.body.size())];
    std::string value;
    if (below(rng_, 2) == 0) {
      const std::size_t depth = between(rng_, 33, 20'000);
      value = std::string(depth, '[') + std::string(depth, ']');
    } else {
      const std::size_t depth = between(rng_, 33, 10'000);
      for (std::size_t i = 0; i < depth; ++i) value += "{\"a\":";
      value += '1' + std::string(depth, '}');
    }
    member.second = value;
    return json_request("deep nesting", route, object_text(route.body), {400});
  }

  MalformedRequest huge_number() {
    static const std::vector<std::string> kHuge{
        "1e999999", "-1e999999", "123456789012345678901234567890123456789", "1" + std::string(400, '0'),
        "-9223372036854775809", "18446744073709551616", "1.7976931348623157e309", "9" + std::string(5000, '9')};
    JsonRoute route = pick(rng_, json_routes());
    route.body[below(rng_, route.body.size())].second = pick(rng_, kHuge);
    return json_request("huge number", route, object_text(route.body), {400});
  }

  MalformedRequest duplicate_key() {
    JsonRoute route = pick(rng_, json_routes());
    auto copy = route.body[below(rng_, route.body.size())];
    if (below(rng_, 2) == 0) copy.second = "\"another value\"";
    route.body.insert(route.body.begin() + static_cast<std::ptrdiff_t>(below(rng_, route.body.size() + 1)), copy);
    return json_request("duplicate key", route, object_text(route.body), {400});
  }

  MalformedRequest wrong_media_type() {
    if (below(rng_, 4) == 0) {  // an image route given something that is not an image type
      static const std::vector<std::string_view> kNotImages{"application/json", "text/plain", "image/gif",
                                                            "image/svg+xml", "application/octet-stream"};
      const std::string target = below(rng_, 2) == 0 ? "/api/v1/hotels/mine/logo"
                                                      : "/api/v1/coupons/" + targets_.coupon_id + "/image";
      return {"wrong media type",
              wire("PUT", target, json_headers(Who::hotelier, pick(rng_, kNotImages)), "\x89PNG\r\n\x1a\nnot really"),
              {415}};
    }
    static const std::vector<std::string_view> kNotJson{
        "",  // none at all
        "text/plain", "application/xml", "multipart/form-data; boundary=x", "application/x-www-form-urlencoded",
        "application/json; charset=latin1", "application/jsonx", "text/json", "application/json-patch+json"};
    const JsonRoute route = pick(rng_, json_routes());
    return {"wrong media type",
            wire(route.method, route.target, json_headers(route.who, pick(rng_, kNotJson)), object_text(route.body)),
            {415}};
  }

  MalformedRequest big_header() {
    Headers headers = json_headers(Who::traveller, "");
    if (below(rng_, 2) == 0) {
      headers.emplace_back("X-Filler", std::string(between(rng_, 8 * 1024, 32 * 1024), 'h'));
    } else {  // many ordinary headers that only together pass the limit, by far: Beast applies its header limit
              // to what it has not yet parsed, so a header of up to about 12 KiB in small fields gets through
      const std::size_t count = between(rng_, 160, 300);
      for (std::size_t i = 0; i < count; ++i) headers.emplace_back("X-Part-" + std::to_string(i), std::string(90, 'p'));
    }
    return {"oversized header", wire("GET", "/api/v1/coupons?q=spa", headers, ""), {431}};
  }

  MalformedRequest big_body() {
    const JsonRoute route = pick(rng_, json_routes());
    Headers headers = json_headers(route.who);
    switch (below(rng_, 4)) {
      case 0: {  // a length over the limit, and only the start of the body: refused from the header alone
        static const std::vector<std::string> kLengths{"65537", "1000000", "1073741824", "999999999999999"};
        headers.emplace_back("Content-Length", pick(rng_, kLengths));
        return {"oversized body", wire(route.method, route.target, headers, "{\"title\":\"aaaa"), {413}};
      }
      case 1: {  // the whole body, over the limit (and within what the server drains after refusing it)
        const std::string body = "{\"title\":\"" + std::string(between(rng_, 64 * 1024, 150 * 1024), 'a') + "\"}";
        return {"oversized body", wire(route.method, route.target, headers, body), {413}};
      }
      case 2: {  // chunked, so the length is known only while reading
        headers.emplace_back("Transfer-Encoding", "chunked");
        std::string body;
        const std::size_t chunks = between(rng_, 5, 9);
        for (std::size_t i = 0; i < chunks; ++i) body += "4000\r\n" + std::string(0x4000, 'c') + "\r\n";
        return {"oversized body", wire(route.method, route.target, headers, body + "0\r\n\r\n"), {413}};
      }
      default: {  // an image over its 5 MiB
        Headers image = json_headers(Who::hotelier, "image/png");
        image.emplace_back("Content-Length", std::to_string(5 * 1024 * 1024 + between(rng_, 1, 100 * 1024 * 1024)));
        return {"oversized body", wire("PUT", "/api/v1/hotels/mine/logo", image, "\x89PNG\r\n\x1a\n"), {413}};
      }
    }
  }

  MalformedRequest random_path() {
    static const std::vector<std::string_view> kMethods{"GET", "POST", "PUT", "DELETE", "PATCH", "BREW", "PROPFIND"};
    static const std::vector<std::string_view> kTraversals{
        "/media/../secrets/jwt.key", "/media/objects/..%2F..%2Fsecrets%2Fjwt.key", "/../../../../etc/passwd",
        "/media/logos/%2e%2e%2f%2e%2e%2fhotelcoupon.db", "/api/v1/..%2f..%2fsecrets", "//etc/passwd",
        "/media/x/..", "/api/v1/coupons/..%00"};
    const Who who = static_cast<Who>(below(rng_, 3));
    std::string target;
    switch (below(rng_, 4)) {
      case 0: {
        target = "/api/v1/z";  // z: no route starts so, whatever letters follow
        const std::size_t segments = between(rng_, 1, 4);
        for (std::size_t i = 0; i < segments; ++i) {
          if (i > 0) target += '/';
          const std::size_t length = between(rng_, 1, 12);
          for (std::size_t j = 0; j < length; ++j) target += "abcdefghijklmnopqrstuvwxyz0123456789-_"[below(rng_, 38)];
        }
        break;
      }
      case 1:
        target = std::string(pick(rng_, kTraversals));
        break;
      case 2: {  // random bytes, percent-encoded
        std::string bytes;
        const std::size_t length = between(rng_, 1, 64);
        for (std::size_t i = 0; i < length; ++i) bytes += static_cast<char>(below(rng_, 256));
        target = "/zz" + url_encode(bytes);  // zz: never "/." or another real path
        break;
      }
      default:  // long, but with the rest of the header within its 8 KiB
        target = "/api/v1/coupons/" + std::string(between(rng_, 1000, 7000), 'a');
    }
    const std::string_view method = pick(rng_, kMethods);
    const bool with_body = method == "POST" || method == "PUT" || method == "PATCH";
    return {"random path", wire(method, target, json_headers(who, with_body ? "application/json" : ""), with_body ? "{}" : ""),
            {400, 401, 403, 404, 405}};
  }

  MalformedRequest invalid_http() {
    struct Invalid {
      std::string bytes;
      std::set<unsigned> expected;
    };
    static const std::vector<Invalid> kInvalid{
        {"GARBAGE\r\n\r\n", {400}},
        {"GET\r\n\r\n", {400}},
        {"GET /api/v1/me HTTP/9.9\r\nHost: x\r\n\r\n", {400}},
        {"GET /api/v1/me HTTP/1.1\r\nHost x\r\n\r\n", {400}},
        {"GET /api/v1/me HTTP/1.1\r\n: empty-name\r\n\r\n", {400}},
        {"GET /api v1/me HTTP/1.1\r\nHost: x\r\n\r\n", {400}},
        {"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: abc\r\n\r\n", {400}},
        {"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: -1\r\n\r\n", {400}},
        {"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\nContent-Length: 6\r\n\r\n{}", {400}},
        {"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Length: 99999999999999999999999\r\n\r\n", {400}},
        {"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\nzz\r\n{}\r\n0\r\n\r\n", {400}},
        {"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: chunked\r\n\r\n2\r\n{}XX0\r\n\r\n", {400}},
        {"POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nTransfer-Encoding: gzip, chunked, chunked\r\n\r\n0\r\n\r\n",
         {400}},
        {"GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-Nul: a\0b\r\n\r\n"s, {400}},
        {"GET /api/v1/me HTTP/1.1\r\nHost: x\r\nX-Ctl: a\x01\x02\r\n\r\n", {400}},
        // The start of a TLS handshake.
        {"\x16\x03\x01\x02\x05\x01\x07\x01\xfc\x03\x03\r\n\r\n", {400}},
        // HTTP allows a server to read an obsolete folded line as a space (RFC 9112 5.2): then it is a request
        // without a token.
        {"GET /api/v1/me HTTP/1.1\r\nHost: x\r\n folded: header\r\n\r\n", {400, 401}},
        // Bytes over 0x7f in the path: refused, or read as a path that leads nowhere.
        {"GET /api/v1/\xff\xfe HTTP/1.1\r\nHost: x\r\n\r\n", {400, 404}},
    };
    if (below(rng_, 4) == 0) {  // or binary noise ending like a header
      std::string bytes;
      const std::size_t length = between(rng_, 1, 300);
      for (std::size_t i = 0; i < length; ++i) bytes += static_cast<char>(below(rng_, 256));
      bytes[0] = '\x01';  // never a method's first letter
      return {"invalid HTTP", bytes + "\r\n\r\n", {400}};
    }
    const Invalid& invalid = pick(rng_, kInvalid);
    return {"invalid HTTP", invalid.bytes, invalid.expected};
  }

  MalformedRequest bad_token() {
    const std::string& real = below(rng_, 2) == 0 ? targets_.traveller_token : targets_.hotelier_token;
    // A character inside the signature: the last one's low bits may be padding that decoding ignores.
    std::string flipped = real;
    char& inside = flipped[flipped.size() - 5];
    inside = inside == 'A' ? 'B' : 'A';
    const std::vector<std::string> kAuthorizations{
        "Bearer", "Bearer ", "Bearer garbage", "Bearer " + real.substr(0, real.size() / 2), "Bearer " + flipped,
        "Basic dXNlcjpwYXNz", "bearer", "Bearer " + real + "x",
        // alg "none", and a payload claiming to be a hotelier
        "Bearer eyJhbGciOiJub25lIiwidHlwIjoiSldUIn0.eyJzdWIiOiJ4Iiwicm9sZSI6ImhvdGVsaWVyIn0."};
    static const std::vector<std::string_view> kTargets{"/api/v1/me", "/api/v1/coupons?q=spa", "/api/v1/me/redemptions",
                                                        "/api/v1/hotelier/coupons", "/api/v1/me/notifications"};
    return {"bad token",
            wire("GET", std::string(pick(rng_, kTargets)), {{"Authorization", pick(rng_, kAuthorizations)}}, ""),
            {401}};
  }

  MalformedRequest bad_query() {
    const GetRoute route = pick(rng_, get_routes());
    const std::string target = route.target + "?" + std::string(pick(rng_, route.bad_queries));
    return {"bad query", wire("GET", target, json_headers(route.who, ""), ""), {400}};
  }

  Rng& rng_;
  const AbuseTargets& targets_;
};

}  // namespace

MalformedRequest MalformedRequests::at(std::uint64_t index) const {
  Rng rng(mixed(seed_, index));
  return Builder(rng, targets_).build();
}

std::string printable_prefix(std::string_view bytes, std::size_t length) {
  static constexpr std::string_view kHex = "0123456789abcdef";
  std::string text;
  for (const char c : bytes.substr(0, length)) {
    const auto byte = static_cast<unsigned char>(c);
    if (c == '\r') text += "\\r";
    else if (c == '\n') text += "\\n";
    else if (byte >= 0x20 && byte < 0x7f) text += c;
    else text += std::string("\\x") + kHex[byte >> 4U] + kHex[byte & 0x0FU];
  }
  if (bytes.size() > length) text += "… (" + std::to_string(bytes.size()) + " bytes)";
  return text;
}

}  // namespace hc::test
