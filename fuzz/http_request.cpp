// Raw bytes from a client, as a connection's reads would hold them, through what Server::serve_one does with them:
// Beast's parser with the server's limits (the header first, then the body limit of the route the header names),
// then the whole Dispatcher::handle (query, media type, bearer token, role, the answer's headers) over the real
// route table. Several requests in one input are pipelined on one keep-alive connection.
//
// The route handlers are stand-ins that answer at once: the real ones need the services, worker threads and a
// database, which make an input's outcome depend on the ones before it (so a finding would not replay) and cost
// milliseconds an input. What the handlers read from a body is fuzzed on its own (json_bodies, interaction_batch).
#include "app/route_table.hpp"
#include "core/log.hpp"
#include "net/dispatcher.hpp"
#include "net/response_writer.hpp"
#include "net/responses.hpp"
#include "net/server.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/websocket/rfc6455.hpp>
#include <boost/json/object.hpp>

#include <algorithm>
#include <cstdint>
#include <cstdlib>
#include <memory>
#include <optional>
#include <string>
#include <vector>

namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = boost::beast::http;
using namespace hc;

constexpr int kMaxPipelined = 8;

// Tokens the stand-in authenticator knows (the dictionary has them).
class FuzzAuthenticator final : public net::Authenticator {
 public:
  Result<Principal, Error> authenticate(std::string_view token) const override {
    if (token == "user-token") return Principal{"u1", Role::user, "s1", {}};
    if (token == "hotelier-token") return Principal{"h1", Role::hotelier, "s2", {}};
    return Failure{make_error(Errc::unauthenticated)};
  }
};

class NullObserver final : public net::ExchangeObserver {
 public:
  void on_exchange(std::string_view, std::string_view, unsigned, std::chrono::nanoseconds) override {}
  void on_connection(int) override {}
};

// Answers with what the dispatcher gave the handler, so the path parameters and the query are read.
boost::asio::awaitable<net::Response> stand_in(net::RequestContext& ctx) {
  boost::json::object params;
  for (const auto& [name, value] : ctx.path_params) params[name] = ctx.param(name);
  boost::json::object query;
  for (const auto& [name, value] : ctx.query_params) query[name] = *ctx.query(name);
  co_return net::json_response(ctx, http::status::ok, {{"params", std::move(params)}, {"query", std::move(query)}});
}

// The route table the server builds, each route answered by the stand-in; `websocket` gets the patterns that upgrade.
net::Router real_routes(std::vector<std::string>& websocket) {
  net::Router router;
  for (const app::RouteShape& route : app::server_routes()) {
    router.add({route.method, route.pattern, route.access, route.body, stand_in, nullptr});
    if (route.websocket) websocket.push_back(route.pattern);
  }
  return router;
}

struct Fixture {
  std::vector<std::string> websocket_patterns;
  net::Router router = real_routes(websocket_patterns);
  FuzzAuthenticator authenticator;
  NullObserver observer;
  net::Dispatcher dispatcher{router,         authenticator,     observer,
                             Logger::null(), net::HttpLimits{}, net::DispatchPolicy{{"http://localhost:8080"}, true}};
  asio::io_context io;
  std::string head;

  Fixture() {
    dispatcher.set_fallback(
        [](const net::RequestContext& ctx) -> std::optional<net::Response> {
          if (ctx.request.target().starts_with("/api/")) return std::nullopt;
          net::Response page{http::status::ok, ctx.request.version()};
          page.set(http::field::content_type, "text/html; charset=utf-8");
          page.body() = "<!doctype html>";
          return page;
        },
        "web");
  }
};

Fixture* fixture = nullptr;

// What the server does with an answer: its head composed for the wire.
void send(const net::Response& response) {
  if (response.result_int() >= 500 && response.result() != http::status::service_unavailable) {
    std::abort();  // the stand-ins never fail: a 5xx is an exception inside the dispatcher
  }
  net::compose_head(response, fixture->head);
}

void reject(const http::request_header<>& header, const net::ExchangeStart& start, const Error& error) {
  send(fixture->dispatcher.reject(header, start, error));
}

// One request from the front of `input`, as serve_one reads it; false when the connection ends.
bool serve_one(std::string_view& input) {
  const net::Dispatcher& dispatcher = fixture->dispatcher;
  const net::HttpLimits& limits = dispatcher.limits();
  beast::error_code ec;

  http::request_parser<http::empty_body> header_parser;
  header_parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
  header_parser.body_limit(boost::none);
  while (!header_parser.is_header_done()) {
    const std::size_t used = header_parser.put(asio::buffer(input.data(), input.size()), ec);
    input.remove_prefix(used);
    if (ec && ec != http::error::need_more) {
      reject(header_parser.get(), dispatcher.start(header_parser.get(), "203.0.113.7"), net::unreadable_request(ec, false));
      return false;
    }
    if (used == 0) return false;  // waiting for bytes the client never sends: the request timeout ends it
    ec = {};
  }

  const net::ExchangeStart start = dispatcher.start(header_parser.get(), "203.0.113.7");
  const std::size_t body_limit = dispatcher.body_limit(start);
  if (auto refused = net::refused_framing(header_parser.get(), header_parser.chunked(), header_parser.content_length(),
                                          body_limit)) {
    reject(header_parser.get(), start, *refused);
    return false;
  }

  http::request_parser<http::string_body> parser{std::move(header_parser)};
  parser.body_limit(body_limit);
  while (!parser.is_done()) {
    const std::size_t used = parser.put(asio::buffer(input.data(), input.size()), ec);
    input.remove_prefix(used);
    if (ec && ec != http::error::need_more) {
      reject(parser.get().base(), start, net::unreadable_request(ec, true));
      return false;
    }
    if (used == 0) return false;
    ec = {};
  }

  const net::Request request = parser.release();
  if (start.match.route != nullptr && beast::websocket::is_upgrade(request) &&
      std::ranges::count(fixture->websocket_patterns, start.match.route->pattern) > 0) {
    return false;  // the conversation is the websocket_frame target's
  }
  std::optional<net::Response> response;
  asio::co_spawn(fixture->io, dispatcher.handle(request, start),
                 [&response](const std::exception_ptr& error, net::Response answer) {
                   if (error) std::abort();  // handle() promises never to throw
                   response = std::move(answer);
                 });
  fixture->io.restart();
  fixture->io.run();
  if (!response) std::abort();
  send(*response);
  return request.keep_alive();
}

}  // namespace

extern "C" int LLVMFuzzerInitialize(int*, char***) {
  fixture = new Fixture();
  return 0;
}

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  std::string_view input(reinterpret_cast<const char*>(data), size);
  for (int i = 0; i < kMaxPipelined && !input.empty() && serve_one(input); ++i) {
  }
  return 0;
}
