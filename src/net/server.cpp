#include "net/server.hpp"

#include "net/response_writer.hpp"
#include "net/websocket.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/http/empty_body.hpp>
#include <boost/beast/http/error.hpp>
#include <boost/beast/http/parser.hpp>
#include <boost/beast/http/read.hpp>
#include <boost/beast/http/write.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

namespace hc::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);

class Connection {
 public:
  explicit Connection(tcp::socket socket) : executor(socket.get_executor()), stream(std::move(socket)) {}
  const tcp::socket::executor_type executor;  // the connection's context (the stream moves out on an upgrade)
  beast::tcp_stream stream;
  beast::flat_buffer buffer;
  std::string head;  // the answers' status lines and fields, composed here (kept: a connection answers many)
  std::string client_address;
  // Read and written only on the connection's context:
  bool idle = true;
  std::shared_ptr<WebSocketSession> websocket;  // once upgraded, the session owns the stream
  // An upgrade request read by serve_one, for serve_websocket: the WebSocket's conversation runs after serve_one's
  // coroutine frame (with its parsers, a few KiB) is gone, since it may last for hours.
  struct Upgrade {
    Request request;
    ExchangeStart start;
  };
  std::unique_ptr<Upgrade> upgrade;
};

namespace {

constexpr std::size_t kReadChunk = 4096;
constexpr std::size_t kMaxDrainBytes = 256 * 1024;

bool is_disconnect(const beast::error_code& ec) {
  return ec == beast::error::timeout || ec == asio::error::operation_aborted || ec == http::error::end_of_stream ||
         ec == asio::error::eof || ec == asio::error::connection_reset || ec == http::error::partial_message;
}

bool expects_continue(const http::request_header<>& header) {
  const auto expect = header.find(http::field::expect);
  return expect != header.end() && beast::iequals(expect->value(), "100-continue");
}

// After refusing a request whose body we did not read, read a little of what the client is still sending
// so that closing the socket does not reset the connection before the client has read our answer.
asio::awaitable<void> drain_and_close(Connection& connection) {
  beast::error_code ec;
  connection.stream.socket().shutdown(tcp::socket::shutdown_send, ec);
  connection.stream.expires_after(std::chrono::seconds(1));
  std::size_t drained = 0;
  while (drained < kMaxDrainBytes) {
    connection.buffer.clear();
    auto [read_ec, n] = co_await connection.stream.async_read_some(connection.buffer.prepare(kReadChunk), kTuple);
    if (read_ec) break;
    drained += n;
  }
  connection.stream.close();
}

}  // namespace

Error unreadable_request(const boost::system::error_code& ec, bool in_body) {
  if (ec == http::error::header_limit) return make_error(Errc::headers_too_large);
  if (ec == http::error::body_limit) return make_error(Errc::payload_too_large);
  Error error = make_error(Errc::bad_request);
  error.message = in_body ? "The request body is not valid HTTP/1.1" : "The request is not valid HTTP/1.1";
  return error;
}

std::optional<Error> refused_framing(const http::request_header<>& header, bool chunked,
                                     boost::optional<std::uint64_t> content_length, std::size_t body_limit) {
  // A Transfer-Encoding that does not end in one chunked leaves the body's length unknown, and Beast would read such
  // a request as having no body, taking the body's bytes for the next request. HTTP requires a 400 and closing the
  // connection (RFC 9112 6.3): behind a proxy that reads the framing otherwise, that difference smuggles requests.
  if (header.find(http::field::transfer_encoding) != header.end() && !chunked) {
    Error error = make_error(Errc::bad_request);
    error.message = "The request's Transfer-Encoding must end in chunked, applied once";
    return error;
  }
  if (content_length && *content_length > body_limit) return make_error(Errc::payload_too_large);
  return std::nullopt;
}

Server::Server(IoPool& io, const Dispatcher& dispatcher, ExchangeObserver& observer, Logger log)
    : io_(io), dispatcher_(dispatcher), observer_(observer), log_(std::move(log)), acceptor_(io.main()) {}

Server::~Server() = default;

tcp::endpoint Server::listen(const std::string& host, std::uint16_t port) {
  const tcp::endpoint endpoint{asio::ip::make_address(host), port};
  acceptor_.open(endpoint.protocol());
  acceptor_.set_option(asio::socket_base::reuse_address(true));
  acceptor_.bind(endpoint);
  acceptor_.listen(asio::socket_base::max_listen_connections);
  return acceptor_.local_endpoint();
}

void Server::start() {
  asio::co_spawn(acceptor_.get_executor(), accept_loop(), [log = log_](const std::exception_ptr& error) {
    if (!error) return;
    try {
      std::rethrow_exception(error);
    } catch (const std::exception& e) {
      log.error("accept loop ended", {{"what", std::string_view(e.what())}});
    }
  });
}

asio::awaitable<void> Server::accept_loop() {
  asio::steady_timer backoff(acceptor_.get_executor());
  while (acceptor_.is_open()) {
    auto [ec, socket] = co_await acceptor_.async_accept(io_.next(), kTuple);
    if (ec == asio::error::operation_aborted || !acceptor_.is_open()) co_return;
    if (ec) {
      // Typically out of file descriptors: wait a moment rather than spin.
      log_.warn("accept failed", {{"error", ec.message()}});
      backoff.expires_after(std::chrono::milliseconds(50));
      co_await backoff.async_wait(kTuple);
      continue;
    }
    auto connection = std::make_shared<Connection>(std::move(socket));
    asio::co_spawn(connection->executor, serve(connection), [log = log_](const std::exception_ptr& e) {
      if (!e) return;
      try {
        std::rethrow_exception(e);
      } catch (const std::exception& what) {
        log.error("connection ended by an exception", {{"what", std::string_view(what.what())}});
      }
    });
  }
}

// A coroutine of its own, so that the frame of serve(), which lasts as long as the connection (hours for a
// WebSocket), holds none of this answer's objects.
asio::awaitable<void> Server::refuse_busy(Connection& connection) {
  Error busy = make_error(Errc::unavailable);
  busy.message = "The server is at its connection limit";
  busy.retry_after = std::chrono::seconds(1);
  http::request_header<> header;
  Response response = dispatcher_.reject(header, dispatcher_.start(header, connection.client_address), busy);
  connection.stream.expires_after(dispatcher_.limits().request_timeout);
  co_await write_response(connection.stream, response, connection.head);
  co_await drain_and_close(connection);
}

asio::awaitable<void> Server::serve(std::shared_ptr<Connection> connection) {
  beast::error_code ec;
  const auto remote = connection->stream.socket().remote_endpoint(ec);
  connection->client_address = ec ? "unknown" : remote.address().to_string();
  track(connection);
  const std::size_t already_open = open_.fetch_add(1);
  observer_.on_connection(+1);

  if (already_open >= dispatcher_.limits().max_connections) {
    co_await refuse_busy(*connection);
  } else {
    while (co_await serve_one(*connection)) {
    }
    if (connection->upgrade) co_await serve_websocket(*connection);
    if (!connection->websocket) {
      connection->stream.socket().shutdown(tcp::socket::shutdown_send, ec);
      connection->stream.close();
    }
  }
  untrack(connection.get());
  open_.fetch_sub(1);
  observer_.on_connection(-1);
}

asio::awaitable<bool> Server::serve_one(Connection& c) {
  const HttpLimits& limits = dispatcher_.limits();
  if (c.buffer.size() == 0) {
    // Waiting for the next request on a kept-alive connection: the idle timeout applies.
    c.idle = true;
    if (draining_) co_return false;
    c.stream.expires_after(limits.idle_timeout);
    auto [ec, n] = co_await c.stream.async_read_some(c.buffer.prepare(kReadChunk), kTuple);
    c.idle = false;
    if (ec) co_return false;
    c.buffer.commit(n);
  }
  c.idle = false;

  // From the first byte, the header and then the body each have the request timeout.
  c.stream.expires_after(limits.request_timeout);
  http::request_parser<http::empty_body> header_parser;
  header_parser.header_limit(static_cast<std::uint32_t>(limits.max_header_bytes));
  // Beast would refuse a declared length over its own 1 MiB default while reading the header; the route's
  // limit is applied right after, once the route is known.
  header_parser.body_limit(boost::none);
  auto [header_ec, header_bytes] = co_await http::async_read_header(c.stream, c.buffer, header_parser, kTuple);
  const http::request_header<>& header = header_parser.get();
  if (header_ec) {
    if (is_disconnect(header_ec)) co_return false;
    const Error error = unreadable_request(header_ec, false);
    Response response = dispatcher_.reject(header, dispatcher_.start(header, c.client_address), error);
    co_await write_response(c.stream, response, c.head);
    co_await drain_and_close(c);
    co_return false;
  }

  const ExchangeStart start = dispatcher_.start(header, c.client_address);
  const std::size_t body_limit = dispatcher_.body_limit(start);
  if (auto refused = refused_framing(header, header_parser.chunked(), header_parser.content_length(), body_limit)) {
    Response response = dispatcher_.reject(header, start, *refused);
    co_await write_response(c.stream, response, c.head);
    co_await drain_and_close(c);
    co_return false;
  }
  if (expects_continue(header)) {
    http::response<http::empty_body> proceed{http::status::continue_, header.version()};
    co_await http::async_write(c.stream, proceed, kTuple);
  }

  http::request_parser<http::string_body> parser{std::move(header_parser)};
  parser.body_limit(body_limit);
  auto [body_ec, body_bytes] = co_await http::async_read(c.stream, c.buffer, parser, kTuple);
  if (body_ec) {
    if (is_disconnect(body_ec)) co_return false;
    Response response = dispatcher_.reject(parser.get().base(), start, unreadable_request(body_ec, true));
    co_await write_response(c.stream, response, c.head);
    co_await drain_and_close(c);
    co_return false;
  }

  Request request = parser.release();
  if (start.match.route != nullptr && start.match.route->websocket != nullptr && websocket::is_upgrade(request)) {
    c.upgrade = std::make_unique<Connection::Upgrade>(Connection::Upgrade{std::move(request), start});
    co_return false;
  }
  // The handler's own time is not the client's: no socket deadline while we work.
  c.stream.expires_never();
  Response response = co_await dispatcher_.handle(request, start);
  const bool keep_alive = request.keep_alive() && !draining_;
  response.keep_alive(keep_alive);
  c.stream.expires_after(limits.idle_timeout);
  auto [write_ec, written] = co_await write_response(c.stream, response, c.head);
  co_return !write_ec && keep_alive;
}

// The conversation may last for hours: what the HTTP side held for the socket is given back once the handshake
// no longer needs it (the read buffer's and the answers' storage, and the upgrade request).
asio::awaitable<void> Server::serve_websocket(Connection& c) {
  Request& request = c.upgrade->request;
  const ExchangeStart& start = c.upgrade->start;
  auto session = std::make_shared<WebSocketSession>(std::move(c.stream), dispatcher_.limits().websocket,
                                                    c.client_address);
  c.websocket = session;
  // Nothing in the buffer is lost: Beast's accept(request) never read it, and a client sends nothing before our
  // 101 (RFC 6455, 4.1).
  c.buffer.clear();
  c.buffer.shrink_to_fit();
  c.head = std::string();
  if (!co_await session->accept(request)) co_return;
  dispatcher_.record(request, start, 101);
  const bool allowed = dispatcher_.origin_allowed(request);
  WebSocketEndpoint& endpoint = *start.match.route->websocket;
  c.upgrade.reset();
  if (draining_) {
    session->close(close_code::going_away, "the server is shutting down");
  } else if (!allowed) {
    // A page from another site may not use a visitor's browser to talk to us.
    session->close(close_code::policy_violation, "this Origin is not allowed");
  } else {
    co_await endpoint.converse(session);
  }
  // Whatever the conversation left (a close in progress), read until the connection has ended.
  while (co_await session->receive()) {
  }
}

void Server::track(const std::shared_ptr<Connection>& connection) {
  const std::lock_guard lock(mutex_);
  connections_.emplace(connection.get(), connection);
}

void Server::untrack(Connection* connection) {
  const std::lock_guard lock(mutex_);
  connections_.erase(connection);
}

void Server::begin_shutdown() {
  draining_ = true;
  asio::post(acceptor_.get_executor(), [this] {
    beast::error_code ec;
    acceptor_.close(ec);
  });
  const std::lock_guard lock(mutex_);
  for (const auto& [raw, weak] : connections_) {
    if (auto connection = weak.lock()) {
      // On the connection's context, so `idle` is read where it is written.
      asio::post(connection->executor, [connection] {
        if (connection->websocket) connection->websocket->close(close_code::going_away, "the server is shutting down");
        else if (connection->idle) connection->stream.cancel();
      });
    }
  }
}

void Server::force_close() {
  const std::lock_guard lock(mutex_);
  for (const auto& [raw, weak] : connections_) {
    if (auto connection = weak.lock()) {
      asio::post(connection->executor, [connection] {
        if (connection->websocket) connection->websocket->abort();
        else connection->stream.close();
      });
    }
  }
}

}  // namespace hc::net
