#pragma once
// HTTP handlers of the Accounts rows of API.md: parse, call the service on the worker pool, answer.
#include "auth/service.hpp"
#include "core/worker_pool.hpp"
#include "net/http.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string>
#include <string_view>

namespace hc::auth {

class AuthHandlers {
 public:
  AuthHandlers(AuthService& service, WorkerPool& workers) : service_(service), workers_(workers) {}

  boost::asio::awaitable<net::Response> register_user(net::RequestContext& ctx);
  boost::asio::awaitable<net::Response> login(net::RequestContext& ctx);
  boost::asio::awaitable<net::Response> refresh(net::RequestContext& ctx);
  boost::asio::awaitable<net::Response> logout(net::RequestContext& ctx);
  boost::asio::awaitable<net::Response> me(net::RequestContext& ctx);

 private:
  AuthService& service_;
  WorkerPool& workers_;
};

//! What a sign-in sends: {email, password}.
struct Credentials {
  std::string email;
  std::string password;
};

//! The body of POST /auth/register as read: field problems go in read_issues (the service adds its own), an
//! error only when the body is not one JSON object.
Result<Registration, Error> read_registration(std::string_view body);
//! The body of POST /auth/login: both fields, or every problem with them.
Result<Credentials, Error> read_credentials(std::string_view body);
//! The optional `{refresh_token?}` body of refresh and logout; nullopt when the body is empty.
Result<std::optional<boost::json::object>, Error> read_refresh_body(std::string_view body);

//! The API's `user` object: {id, email, name, role, created_at, hotel?}.
boost::json::object user_json(const User& user);

//! The refresh token a browser sent in its cookie, or the body's `refresh_token`; empty if none.
std::optional<std::string> refresh_token_of(const net::Request& request, const boost::json::object* body);

}  // namespace hc::auth
