#pragma once
// The HTTP server: an acceptor, one coroutine per connection, the limits of HttpLimits, and a graceful
// shutdown that lets requests in flight finish.
#include "core/error.hpp"
#include "core/log.hpp"
#include "net/dispatcher.hpp"
#include "net/io_pool.hpp"

#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/optional/optional.hpp>

#include <atomic>
#include <cstdint>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <unordered_map>

namespace hc::net {

class Connection;

//! The answer to a request the parser could not read (a parse error other than the client going away): 431 for a
//! header over the limit, 413 for a body over it, else 400 saying which part is not valid HTTP/1.1.
Error unreadable_request(const boost::system::error_code& ec, bool in_body);

//! What is wrong with a request's framing once its header is read and before its body is: a Transfer-Encoding that
//! does not end in one chunked (400; the connection must close), or a declared length over the route's body limit
//! (413). nullopt when the body may be read.
std::optional<Error> refused_framing(const http::request_header<>& header, bool chunked,
                                     boost::optional<std::uint64_t> content_length, std::size_t body_limit);

class Server {
 public:
  //! Accepts on the pool's main context and gives each connection the pool's next one.
  Server(IoPool& io, const Dispatcher& dispatcher, ExchangeObserver& observer, Logger log);
  ~Server();
  Server(const Server&) = delete;
  Server& operator=(const Server&) = delete;

  //! Binds and listens; port 0 picks a free port. Returns the bound endpoint.
  boost::asio::ip::tcp::endpoint listen(const std::string& host, std::uint16_t port);
  //! Starts accepting connections on the io_context.
  void start();
  //! Stops accepting, closes idle connections and lets each in-flight request finish with Connection: close.
  void begin_shutdown();
  //! Closes every remaining connection at once (after the grace period).
  void force_close();
  //! How many connections are open.
  [[nodiscard]] std::size_t open_connections() const { return open_.load(); }

 private:
  boost::asio::awaitable<void> accept_loop();
  boost::asio::awaitable<void> serve(std::shared_ptr<Connection> connection);
  boost::asio::awaitable<void> refuse_busy(Connection& connection);
  boost::asio::awaitable<bool> serve_one(Connection& connection);
  boost::asio::awaitable<void> serve_websocket(Connection& connection);
  void track(const std::shared_ptr<Connection>& connection);
  void untrack(Connection* connection);

  IoPool& io_;
  const Dispatcher& dispatcher_;
  ExchangeObserver& observer_;
  Logger log_;
  boost::asio::ip::tcp::acceptor acceptor_;
  std::atomic<std::size_t> open_{0};
  std::atomic<bool> draining_{false};
  std::mutex mutex_;
  std::unordered_map<Connection*, std::weak_ptr<Connection>> connections_;
};

}  // namespace hc::net
