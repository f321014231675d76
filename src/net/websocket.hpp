#pragma once
// One upgraded WebSocket connection: reads text messages for the conversation that owns it, and writes
// with one write in flight and a bounded queue behind it. A client that stops reading is cut off once its
// queue passes the bound, so it never holds up anyone else. Everything runs on the connection's context;
// `send`, `close` and `abort` may be called from any thread.
#include "net/http.hpp"

#include <boost/asio/steady_timer.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/core/tcp_stream.hpp>
#include <boost/beast/websocket/stream.hpp>

#include <chrono>
#include <cstdint>
#include <list>
#include <memory>
#include <optional>
#include <string>

namespace hc::net {

//! The close codes this server sends (RFC 6455, and the 4000–4999 range for the application's own). Beast itself
//! answers 1002 (a protocol error) and 1007 (text that is not UTF-8).
namespace close_code {
inline constexpr std::uint16_t going_away = 1001;        // the server is shutting down: reconnect
inline constexpr std::uint16_t unsupported_data = 1003;  // a binary frame
inline constexpr std::uint16_t policy_violation = 1008;  // a foreign Origin, or a first frame that is not `auth`
inline constexpr std::uint16_t message_too_big = 1009;   // a message over WebSocketLimits::max_message
inline constexpr std::uint16_t internal_error = 1011;    // the server failed: reconnect
inline constexpr std::uint16_t unauthorized = 4401;      // the token is invalid or has expired: sign in again
inline constexpr std::uint16_t auth_timeout = 4408;      // no `auth` frame in time
}  // namespace close_code

class WebSocketSession : public std::enable_shared_from_this<WebSocketSession> {
 public:
  using Stream = boost::beast::websocket::stream<boost::beast::tcp_stream>;

  WebSocketSession(boost::beast::tcp_stream stream, const WebSocketLimits& limits, std::string client_address);

  //! Answers the upgrade request; false if the handshake failed.
  boost::asio::awaitable<bool> accept(const Request& request);
  //! The next text message, or nullopt once the connection has ended. After `close`, messages still arriving
  //! are skipped until the closing handshake completes.
  boost::asio::awaitable<std::optional<std::string>> receive();
  //! Waits until everything queued has been written (to pace long replays); false once the connection ends.
  boost::asio::awaitable<bool> drained();

  //! Queues a text message. A client whose queue passes the bound is cut off.
  void send(std::string text);
  //! Sends a close frame once what is queued has been written.
  void close(std::uint16_t code, std::string reason);
  //! Closes with this code after `delay`, unless another call to close_after replaces the deadline first.
  void close_after(std::chrono::steady_clock::duration delay, std::uint16_t code, std::string reason);
  //! Drops the connection at once, without a close frame.
  void abort();

  [[nodiscard]] const std::string& client_address() const { return client_address_; }
  //! True once the client was cut off for reading too slowly.
  [[nodiscard]] bool cut_off() const { return cut_off_; }

 private:
  void enqueue(std::string text);
  void write_next();
  void start_close();
  void end();

  Stream ws_;
  WebSocketLimits limits_;
  std::string client_address_;
  boost::beast::flat_buffer buffer_;
  // A list, not a deque: an idle socket's empty queue then holds no memory (a deque allocates its first block,
  // over 500 bytes, at construction).
  std::list<std::string> queue_;
  std::size_t queued_bytes_ = 0;
  bool writing_ = false;
  bool closing_ = false;  // a close was asked for: no more messages in either direction
  bool ended_ = false;    // the connection is gone
  bool cut_off_ = false;
  // What the close frame says, kept as a code and text (Beast's close_reason holds 123 bytes in place).
  std::uint16_t close_code_ = 0;
  std::string close_text_;
  boost::asio::steady_timer drained_signal_;
  boost::asio::steady_timer deadline_;
};

//! The conversation on an accepted WebSocket (the real-time hub implements it).
class WebSocketEndpoint {
 public:
  virtual ~WebSocketEndpoint() = default;
  //! Runs one connection's conversation until it ends, on the connection's context.
  virtual boost::asio::awaitable<void> converse(std::shared_ptr<WebSocketSession> session) = 0;
};

}  // namespace hc::net
