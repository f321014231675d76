#include "auth/handlers.hpp"

#include "hotels/json.hpp"
#include "net/json_body.hpp"
#include "net/responses.hpp"

#include <boost/json.hpp>

namespace hc::auth {
namespace {

constexpr std::string_view kRefreshCookie = "hc_refresh";

// The refresh cookie is sent only to the auth endpoints, never readable by scripts.
std::string refresh_cookie(std::string_view token, std::chrono::seconds max_age) {
  return std::string(kRefreshCookie) + "=" + std::string(token) + "; Path=/api/v1/auth; Max-Age=" +
         std::to_string(max_age.count()) + "; HttpOnly; Secure; SameSite=Strict";
}

net::Response session_response(const net::RequestContext& ctx, const IssuedSession& session, SysSeconds now) {
  boost::json::object body{{"access_token", session.access_token},
                           {"token_type", "Bearer"},
                           {"expires_in", session.expires_in.count()},
                           {"refresh_token", session.refresh_token},
                           {"user", user_json(session.user)}};
  net::Response response = net::json_response(ctx, net::http::status::ok, body);
  response.insert(net::http::field::set_cookie,
                  refresh_cookie(session.refresh_token, session.refresh_expires_at - now));
  return response;
}

std::optional<HotelInput> read_hotel(net::FieldReader& fields, std::vector<FieldIssue>& issues) {
  const boost::json::object* object = fields.optional_object("hotel");
  if (object == nullptr) return std::nullopt;
  net::FieldReader reader(*object, "hotel.");
  HotelInput hotel{reader.optional_string("name"), reader.optional_string("city"), reader.optional_string("country"),
                   reader.optional_string("timezone"), reader.optional_string("description"), {}};
  auto nested = reader.finish();
  issues.insert(issues.end(), nested.begin(), nested.end());
  return hotel;
}

// The refresh token from an optional `{refresh_token}` body, else from the cookie.
Result<std::optional<std::string>, Error> presented_refresh_token(const net::RequestContext& ctx) {
  auto body = read_refresh_body(ctx.request.body());
  if (!body) return Failure{body.error()};
  return refresh_token_of(ctx.request, *body ? &**body : nullptr);
}

}  // namespace

Result<Registration, Error> read_registration(std::string_view body) {
  auto object = net::parse_json_object(body);
  if (!object) return Failure{object.error()};
  net::FieldReader fields(*object);
  Registration registration{fields.required_string("email"),
                            fields.required_string("password"),
                            fields.required_string("name"),
                            fields.required_string("role"),
                            std::nullopt,
                            {}};
  std::vector<FieldIssue> nested;
  registration.hotel = read_hotel(fields, nested);
  registration.read_issues = fields.finish();
  registration.read_issues.insert(registration.read_issues.end(), nested.begin(), nested.end());
  return registration;
}

Result<Credentials, Error> read_credentials(std::string_view body) {
  auto object = net::parse_json_object(body);
  if (!object) return Failure{object.error()};
  net::FieldReader fields(*object);
  Credentials credentials{fields.required_string("email"), fields.required_string("password")};
  if (auto issues = fields.finish(); !issues.empty()) return Failure{validation_error(std::move(issues))};
  return credentials;
}

Result<std::optional<boost::json::object>, Error> read_refresh_body(std::string_view body) {
  if (body.empty()) return std::optional<boost::json::object>{};
  auto parsed = net::parse_json_object(body);
  if (!parsed) return Failure{parsed.error()};
  net::FieldReader fields(*parsed);
  fields.optional_string("refresh_token");
  if (auto issues = fields.finish(); !issues.empty()) return Failure{validation_error(std::move(issues))};
  return std::optional<boost::json::object>{std::move(*parsed)};
}

boost::json::object user_json(const User& user) {
  boost::json::object json{{"id", user.id},
                           {"email", user.email},
                           {"name", user.name},
                           {"role", to_string(user.role)},
                           {"created_at", to_rfc3339(user.created_at)}};
  if (user.hotel) json["hotel"] = hotels::hotel_json(*user.hotel);
  return json;
}

std::optional<std::string> refresh_token_of(const net::Request& request, const boost::json::object* body) {
  if (body != nullptr) {
    if (const auto* token = body->if_contains("refresh_token"); token != nullptr && token->is_string()) {
      return std::string(token->get_string());
    }
  }
  for (auto it = request.find(net::http::field::cookie); it != request.end() && it->name() == net::http::field::cookie;
       ++it) {
    std::string_view cookies = it->value();
    while (!cookies.empty()) {
      const auto separator = cookies.find(';');
      std::string_view pair = cookies.substr(0, separator);
      while (!pair.empty() && pair.front() == ' ') pair.remove_prefix(1);
      if (pair.starts_with(kRefreshCookie) && pair.size() > kRefreshCookie.size() &&
          pair[kRefreshCookie.size()] == '=') {
        return std::string(pair.substr(kRefreshCookie.size() + 1));
      }
      if (separator == std::string_view::npos) break;
      cookies.remove_prefix(separator + 1);
    }
  }
  return std::nullopt;
}

boost::asio::awaitable<net::Response> AuthHandlers::register_user(net::RequestContext& ctx) {
  auto registration = read_registration(ctx.request.body());
  if (!registration) co_return net::error_response(ctx, registration.error());

  // Hashing the password takes tens of milliseconds: off the I/O thread.
  auto user = co_await workers_.run([&] { return service_.register_user(*registration); });
  if (!user) co_return net::error_response(ctx, user.error());
  co_return net::json_response(ctx, net::http::status::created, {{"user", user_json(*user)}});
}

boost::asio::awaitable<net::Response> AuthHandlers::login(net::RequestContext& ctx) {
  auto credentials = read_credentials(ctx.request.body());
  if (!credentials) co_return net::error_response(ctx, credentials.error());
  auto session = co_await workers_.run(
      [&] { return service_.login(credentials->email, credentials->password, ctx.client_address); });
  if (!session) co_return net::error_response(ctx, session.error());
  co_return session_response(ctx, *session, to_seconds(Clock::now()));
}

boost::asio::awaitable<net::Response> AuthHandlers::refresh(net::RequestContext& ctx) {
  auto token = presented_refresh_token(ctx);
  if (!token) co_return net::error_response(ctx, token.error());
  if (!*token) co_return net::error_response(ctx, make_error(Errc::unauthenticated));
  auto session = co_await workers_.run([&] { return service_.refresh(**token); });
  if (!session) co_return net::error_response(ctx, session.error());
  co_return session_response(ctx, *session, to_seconds(Clock::now()));
}

boost::asio::awaitable<net::Response> AuthHandlers::logout(net::RequestContext& ctx) {
  auto token = presented_refresh_token(ctx);
  if (!token) co_return net::error_response(ctx, token.error());
  co_await workers_.run([&] { service_.logout(ctx.caller(), *token); });
  net::Response response = net::no_content(ctx);
  response.insert(net::http::field::set_cookie, refresh_cookie("", std::chrono::seconds(0)));
  co_return response;
}

boost::asio::awaitable<net::Response> AuthHandlers::me(net::RequestContext& ctx) {
  auto user = co_await workers_.run([&] { return service_.me(ctx.caller()); });
  if (!user) co_return net::error_response(ctx, user.error());
  co_return net::json_response(ctx, net::http::status::ok, user_json(*user));
}

}  // namespace hc::auth
