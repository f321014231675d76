#include "net/dispatcher.hpp"

#include "core/circuit_breaker.hpp"
#include "core/random.hpp"
#include "core/text.hpp"
#include "net/responses.hpp"

#include <boost/algorithm/string/predicate.hpp>
#include <boost/url/parse.hpp>

#include <algorithm>
#include <cctype>
#include <exception>

namespace hc::net {
namespace {

constexpr std::string_view kApiContentSecurityPolicy = "default-src 'none'; frame-ancestors 'none'";
constexpr std::string_view kWebContentSecurityPolicy =
    "default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data: blob:; "
    "connect-src 'self'; font-src 'self'; object-src 'none'; base-uri 'self'; form-action 'self'; "
    "frame-ancestors 'none'";

std::string_view path_of(std::string_view target) { return target.substr(0, target.find('?')); }

std::string_view trim(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  while (!text.empty() && (text.back() == ' ' || text.back() == '\t')) text.remove_suffix(1);
  return text;
}

// application/json, optionally with "; charset=utf-8".
bool is_json_media_type(std::string_view content_type) {
  const auto semicolon = content_type.find(';');
  if (!boost::algorithm::iequals(trim(content_type.substr(0, semicolon)), "application/json")) return false;
  if (semicolon == std::string_view::npos) return true;
  const std::string_view parameter = trim(content_type.substr(semicolon + 1));
  return boost::algorithm::iequals(parameter, "charset=utf-8") ||
         boost::algorithm::iequals(parameter, "charset=\"utf-8\"");
}

std::optional<std::string_view> bearer_token(const Request& request) {
  const auto header = request.find(http::field::authorization);
  if (header == request.end()) return std::nullopt;
  const std::string_view value = header->value();
  if (value.size() < 7 || !boost::algorithm::iequals(value.substr(0, 7), "Bearer ")) return std::string_view{};
  return trim(value.substr(7));
}

bool role_allows(Access access, Role role) {
  switch (access) {
    case Access::anyone:
    case Access::signed_in: return true;
    case Access::user: return role == Role::user;
    case Access::hotelier: return role == Role::hotelier;
  }
  return false;
}

std::string allow_header(const std::vector<http::verb>& methods) {
  std::string allow;
  for (http::verb method : methods) {
    if (!allow.empty()) allow += ", ";
    allow += http::to_string(method);
  }
  return allow;
}

}  // namespace

std::string_view RequestContext::param(std::string_view name) const {
  for (const auto& [key, value] : path_params) {
    if (key == name) return value;
  }
  return {};
}

std::optional<std::string> RequestContext::query(std::string_view name) const {
  for (const auto& [key, value] : query_params) {
    if (key == name) return value;
  }
  return std::nullopt;
}

namespace {

using Params = std::vector<std::pair<std::string, std::string>>;

// True for what RFC 3986 allows in a query as it stands (unreserved, sub-delims, ':', '@', '/', '?', and '%'
// starting an escape).
bool allowed_in_query(char c) {
  return std::isalnum(static_cast<unsigned char>(c)) != 0 ||
         std::string_view("-._~!$&'()*+,;=:@/?%").find(c) != std::string_view::npos;
}

// "/?" and the query with what it may not hold as it stands percent-encoded (a '%' is kept: a stray one stays wrong).
std::string encoded_query(std::string_view query) {
  std::string origin = "/?";
  for (const char c : query) {
    if (allowed_in_query(c)) {
      origin += c;
    } else {
      constexpr std::string_view kHex = "0123456789ABCDEF";
      const auto byte = static_cast<unsigned char>(c);
      origin += {'%', kHex[byte >> 4], kHex[byte & 0xF]};
    }
  }
  return origin;
}

// The query string's parameters, percent-decoded. Characters a query may not hold as they stand, which curl and a
// browser's address bar send as typed ('|', '[', a quote, bytes over 0x7f), are read as if percent-encoded. nullopt
// when a '%' starts no escape: such a query is refused rather than taken as no parameters at all, since a search
// whose filters were silently dropped would answer another question than the one asked.
std::optional<Params> parse_query(std::string_view target) {
  const auto mark = target.find('?');
  if (mark == std::string_view::npos) return Params{};
  // Most targets parse as they come, with no copy; the copy, which the view then points into, only when not.
  std::string encoded;
  auto url = boost::urls::parse_origin_form(target);
  if (!url) {
    encoded = encoded_query(target.substr(mark + 1));
    url = boost::urls::parse_origin_form(encoded);
  }
  if (!url) return std::nullopt;
  Params params;
  for (const auto& param : url->params()) params.emplace_back(param.key, param.has_value ? param.value : std::string{});
  return params;
}

// Every name and value of the query is text a database can store (search terms, filters and cursors reach SQL).
bool query_is_text(const Params& params) {
  return std::ranges::all_of(params, [](const auto& param) {
    return is_storable_text(param.first) && is_storable_text(param.second);
  });
}

}  // namespace

Dispatcher::Dispatcher(const Router& router, const Authenticator& authenticator, ExchangeObserver& observer,
                       Logger log, HttpLimits limits, DispatchPolicy policy)
    : router_(router),
      authenticator_(authenticator),
      observer_(observer),
      log_(std::move(log)),
      limits_(limits),
      policy_(std::move(policy)),
      storage_full_(log_) {}

std::size_t Dispatcher::body_limit(const ExchangeStart& start) const {
  const Route* route = start.match.route;
  return route != nullptr && route->body == BodyKind::image ? limits_.max_image_body : limits_.max_json_body;
}

ExchangeStart Dispatcher::start(const http::request_header<>& header, std::string client_address) const {
  // HEAD is answered by the GET route, without the body.
  const http::verb method = header.method() == http::verb::head ? http::verb::get : header.method();
  ExchangeStart start{std::chrono::steady_clock::now(), {}, std::move(client_address),
                      router_.match(method, path_of(header.target()))};
  const auto given = header.find("X-Request-Id");
  start.request_id = (given != header.end() && is_plain_id(given->value())) ? std::string(given->value())
                                                                                   : new_id();
  if (policy_.trust_proxy) {
    const auto forwarded = header.find("X-Forwarded-For");
    if (forwarded != header.end()) {
      const std::string_view chain = forwarded->value();
      const std::string_view last = trim(chain.substr(chain.rfind(',') + 1));
      if (!last.empty() && last.size() <= 45) start.client_address = std::string(last);
    }
  }
  return start;
}

boost::asio::awaitable<Response> Dispatcher::handle(const Request& request, const ExchangeStart& start) const {
  auto query = parse_query(request.target());
  RequestContext ctx{request, start.request_id, start.client_address, {}, std::nullopt, query ? std::move(*query) : Params{}};
  std::string route_label = "unmatched";
  Response response;
  try {
    if (!query) {
      Error error = make_error(Errc::bad_request);
      error.message = "The query string is not valid percent-encoded text";
      response = error_response(request, start.request_id, error);
    } else if (query_is_text(ctx.query_params)) {
      response = co_await route(request, start.match, ctx, route_label);
    } else {
      Error error = make_error(Errc::bad_request);
      error.message = "The query string must be UTF-8 text without NUL characters";
      response = error_response(request, start.request_id, error);
    }
  } catch (const DependencyUnavailable& e) {
    // A dependency is down or its breaker is open: the client may try again later; the rest of the API works.
    log_.warn("dependency unavailable", {{"request_id", start.request_id}, {"route", route_label},
                                         {"what", std::string_view(e.what())}});
    Error error = make_error(Errc::unavailable);
    error.message = "A service this needs (" + e.dependency() + ") is unavailable just now; please try again in " +
                    std::to_string(e.retry_after().count()) + " s";
    error.retry_after = e.retry_after();
    response = error_response(request, start.request_id, error);
  } catch (const std::exception& e) {
    if (is_storage_full(e)) {
      // Nothing was written and reads still work: the client may try again once space returns.
      storage_full_.note(route_label, e);
      response = error_response(request, start.request_id, storage_full_error());
    } else {
      // The one boundary for the unexpected: the client gets a bare 500, the log gets the reason.
      log_.error("unhandled exception",
                 {{"request_id", start.request_id}, {"route", route_label}, {"what", std::string_view(e.what())}});
      response = error_response(request, start.request_id, make_error(Errc::internal));
    }
  }
  finish(response, request, start, route_label);
  if (request.method() == http::verb::head && response.result() != http::status::not_modified) {
    // The headers of the GET, with its Content-Length, and no body.
    const auto length = response.body().size();
    response.body().clear();
    response.content_length(length);
  }
  co_return response;
}

boost::asio::awaitable<Response> Dispatcher::route(const Request& request, const RouteMatch& match,
                                                   RequestContext& ctx, std::string& route_label) const {
  if (match.route == nullptr) {
    if (request.method() == http::verb::options && !match.allowed.empty()) {
      route_label = "preflight";
      Response preflight{http::status::no_content, request.version()};
      preflight.set(http::field::allow, allow_header(match.allowed));
      co_return preflight;
    }
    const bool is_read = request.method() == http::verb::get || request.method() == http::verb::head;
    if (match.allowed.empty() && is_read && fallback_) {
      if (auto answer = fallback_(ctx)) {
        route_label = fallback_label_;
        co_return std::move(*answer);
      }
    }
    if (match.allowed.empty()) co_return error_response(ctx, make_error(Errc::not_found));
    Response response = error_response(ctx, make_error(Errc::method_not_allowed));
    response.set(http::field::allow, allow_header(match.allowed));
    co_return response;
  }
  const Route& route = *match.route;
  route_label = route.pattern;
  ctx.path_params = match.params;

  if (route.body == BodyKind::json && !request.body().empty() &&
      !is_json_media_type(request[http::field::content_type])) {
    co_return error_response(ctx, make_error(Errc::unsupported_media_type));
  }
  if (route.access != Access::anyone) {
    const auto token = bearer_token(request);
    if (!token) co_return error_response(ctx, make_error(Errc::unauthenticated));
    auto principal = authenticator_.authenticate(*token);
    if (!principal) co_return error_response(ctx, principal.error());
    if (!role_allows(route.access, principal->role)) co_return error_response(ctx, make_error(Errc::forbidden));
    ctx.principal = std::move(*principal);
  }
  co_return co_await route.handler(ctx);
}

Response Dispatcher::reject(const http::request_header<>& header, const ExchangeStart& start,
                            const Error& error) const {
  Request request{header};
  Response response = error_response(request, start.request_id, error);
  response.keep_alive(false);
  finish(response, header, start, "rejected");
  return response;
}

void Dispatcher::finish(Response& response, const http::request_header<>& header, const ExchangeStart& start,
                        std::string_view route_label) const {
  // Only HTML pages run scripts; every other answer gets the policy that allows nothing.
  const bool is_html = response[http::field::content_type].starts_with("text/html");
  response.set("X-Request-Id", start.request_id);
  response.set("X-Content-Type-Options", "nosniff");
  response.set("X-Frame-Options", "DENY");
  response.set("Referrer-Policy", "no-referrer");
  response.set("Cross-Origin-Opener-Policy", "same-origin");
  if (response.find("Content-Security-Policy") == response.end()) {
    response.set("Content-Security-Policy",
                 is_html ? kWebContentSecurityPolicy : kApiContentSecurityPolicy);
  }
  if (response.find(http::field::cache_control) == response.end()) response.set(http::field::cache_control, "no-store");
  if (response.result() == http::status::unauthorized) response.set(http::field::www_authenticate, "Bearer");

  const auto origin = header.find(http::field::origin);
  if (origin != header.end() && origin_allowed(header)) {
    response.set(http::field::access_control_allow_origin, origin->value());
    response.set(http::field::access_control_allow_credentials, "true");
    response.set(http::field::access_control_expose_headers, "X-Request-Id, Retry-After");
    if (header.method() == http::verb::options) {
      response.set(http::field::access_control_allow_methods, "GET, POST, PUT, PATCH, DELETE");
      response.set(http::field::access_control_allow_headers,
                   "Authorization, Content-Type, Idempotency-Key, X-Request-Id");
      response.set(http::field::access_control_max_age, "600");
    }
  }
  // Origin joins what the answer already varies with (Accept-Encoding, for a file served compressed).
  const std::string_view vary = response[http::field::vary];
  response.set(http::field::vary, vary.empty() ? std::string("Origin") : std::string(vary) + ", Origin");
  response.prepare_payload();
  // A 304 stands for the stored answer: a Content-Length of its own (0) would contradict it (RFC 9110 8.6).
  if (response.result() == http::status::not_modified) response.erase(http::field::content_length);
  record(header, start, route_label, response.result_int(), response.body().size());
}

bool Dispatcher::origin_allowed(const http::request_header<>& header) const {
  const auto origin = header.find(http::field::origin);
  return origin == header.end() || std::find(policy_.allowed_origins.begin(), policy_.allowed_origins.end(),
                                             origin->value()) != policy_.allowed_origins.end();
}

// A refusal (who are you, not yours, too many) is a security event: it stays in the log at --log-level warn. A 503
// is an answer the server chose (a dependency down, a full disk, the connection limit), logged where it was chosen,
// once per cause; an error line is for the unexpected.
LogLevel Dispatcher::level_of(unsigned status) {
  if (status == 503) return LogLevel::warn;
  if (status >= 500) return LogLevel::error;
  if (status == 401 || status == 403 || status == 429) return LogLevel::warn;
  return LogLevel::info;
}

void Dispatcher::record(const http::request_header<>& header, const ExchangeStart& start, unsigned status) const {
  record(header, start, start.match.route != nullptr ? std::string_view(start.match.route->pattern) : "unmatched",
         status, 0);
}

void Dispatcher::record(const http::request_header<>& header, const ExchangeStart& start,
                        std::string_view route_label, unsigned status, std::size_t bytes) const {
  const auto duration = std::chrono::steady_clock::now() - start.at;
  observer_.on_exchange(route_label, header.method_string(), status, duration);
  log_.write(level_of(status), "request",
             {{"request_id", start.request_id},
              {"method", header.method_string()},
              {"path", path_of(header.target()).substr(0, 256)},
              {"route", route_label},
              {"status", std::uint64_t{status}},
              {"duration_ms", std::chrono::duration<double, std::milli>(duration).count()},
              {"bytes", std::uint64_t{bytes}},
              {"client", start.client_address}});
}

}  // namespace hc::net
