#include "net/websocket.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/websocket/rfc6455.hpp>

#include <algorithm>
#include <utility>

namespace hc::net {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
namespace {
constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
constexpr int kKernelSendBuffer = 64 * 1024;
}

WebSocketSession::WebSocketSession(beast::tcp_stream stream, const WebSocketLimits& limits,
                                   std::string client_address)
    : ws_(std::move(stream)),
      limits_(limits),
      client_address_(std::move(client_address)),
      drained_signal_(ws_.get_executor()),
      deadline_(ws_.get_executor()) {
  // The kernel may hold this much that the client has not read yet; beyond it, writes wait and the session's own
  // bounded queue grows, so a client that stops reading is cut off after a bounded amount, not after the several
  // megabytes the kernel's autotuning would otherwise buffer for it.
  beast::error_code ignored;
  beast::get_lowest_layer(ws_).socket().set_option(asio::socket_base::send_buffer_size(kKernelSendBuffer), ignored);
  // From here on the WebSocket stream keeps the time: the TCP stream's own deadline must not fire.
  beast::get_lowest_layer(ws_).expires_never();
  ws_.set_option(websocket::stream_base::timeout{limits.handshake_timeout, limits.idle_timeout, true});
  // `receive` refuses a message over limits.max_message itself; Beast's own bound stays as the backstop for a
  // frame header that announces an absurd length.
  ws_.auto_fragment(false);
  ws_.text(true);
}

asio::awaitable<bool> WebSocketSession::accept(const Request& request) {
  auto [ec] = co_await ws_.async_accept(request, kTuple);
  if (ec) end();
  co_return !ec;
}

asio::awaitable<std::optional<std::string>> WebSocketSession::receive() {
  while (!ended_) {
    // The message is read piece by piece so that one over the limit is refused with a closing handshake of our
    // own: the rest of it is then read and dropped until the client answers. (Beast's own refusal of a long
    // message hangs up without reading what is still in flight, and the reset can destroy the close frame
    // before the client has read it.)
    buffer_.clear();
    bool too_big = false;
    beast::error_code ec;
    do {
      auto [read_ec, bytes] = co_await ws_.async_read_some(buffer_, limits_.max_message + 1 - buffer_.size(), kTuple);
      ec = read_ec;
      too_big = buffer_.size() > limits_.max_message;
    } while (!ec && !too_big && !ws_.is_message_done());
    if (ec) {
      // The client closed, broke the protocol (Beast has answered 1002 or 1007), or was cut off.
      end();
      break;
    }
    if (closing_) continue;
    if (too_big) {
      close(close_code::message_too_big, "a message may be at most " + std::to_string(limits_.max_message) + " bytes");
      continue;
    }
    if (!ws_.got_text()) {
      close(close_code::unsupported_data, "only text frames are accepted");
      continue;
    }
    co_return beast::buffers_to_string(buffer_.data());
  }
  co_return std::nullopt;
}

asio::awaitable<bool> WebSocketSession::drained() {
  while (!ended_ && !queue_.empty()) {
    drained_signal_.expires_at(asio::steady_timer::time_point::max());
    co_await drained_signal_.async_wait(kTuple);
  }
  co_return !ended_;
}

void WebSocketSession::send(std::string text) {
  asio::post(ws_.get_executor(),
             [self = shared_from_this(), text = std::move(text)]() mutable { self->enqueue(std::move(text)); });
}

void WebSocketSession::close(std::uint16_t code, std::string reason) {
  asio::post(ws_.get_executor(), [self = shared_from_this(), code, reason = std::move(reason)]() mutable {
    if (self->closing_ || self->ended_) return;
    self->closing_ = true;
    self->deadline_.cancel();
    self->close_code_ = code;
    self->close_text_ = std::move(reason);
    if (!self->writing_) self->start_close();  // else the writer closes once the queue is written
  });
}

void WebSocketSession::close_after(std::chrono::steady_clock::duration delay, std::uint16_t code,
                                   std::string reason) {
  asio::post(ws_.get_executor(), [self = shared_from_this(), delay, code, reason = std::move(reason)]() mutable {
    if (self->closing_ || self->ended_) return;
    // Replacing the deadline cancels the wait on the old one.
    self->deadline_.expires_after(delay);
    self->deadline_.async_wait([weak = std::weak_ptr(self), code, reason](const beast::error_code& ec) {
      if (auto session = weak.lock(); session && !ec) session->close(code, reason);
    });
  });
}

void WebSocketSession::abort() {
  asio::post(ws_.get_executor(), [self = shared_from_this()] { self->end(); });
}

void WebSocketSession::enqueue(std::string text) {
  if (closing_ || ended_) return;
  queued_bytes_ += text.size();
  queue_.push_back(std::move(text));
  if (queue_.size() > limits_.max_queued_messages || queued_bytes_ > limits_.max_queued_bytes) {
    // Its writes are stuck, so a close frame would never get through: drop the connection.
    cut_off_ = true;
    end();
    return;
  }
  if (!writing_) write_next();
}

void WebSocketSession::write_next() {
  if (ended_) return;
  if (queue_.empty()) {
    writing_ = false;
    drained_signal_.cancel();
    if (closing_) start_close();
    return;
  }
  writing_ = true;
  ws_.async_write(asio::buffer(queue_.front()), [self = shared_from_this()](const beast::error_code& ec, std::size_t) {
    if (ec) {
      self->writing_ = false;
      self->end();
      return;
    }
    self->queued_bytes_ -= self->queue_.front().size();
    self->queue_.pop_front();
    self->write_next();
  });
}

void WebSocketSession::start_close() {
  if (ended_) return;
  writing_ = true;  // the close frame is the last write
  const websocket::close_reason reason(static_cast<websocket::close_code>(close_code_), close_text_);
  ws_.async_close(reason, [self = shared_from_this()](const beast::error_code&) {
    self->writing_ = false;
    self->end();
  });
}

void WebSocketSession::end() {
  if (ended_) return;
  ended_ = true;
  closing_ = true;
  deadline_.cancel();
  drained_signal_.cancel();
  beast::get_lowest_layer(ws_).close();
}

}  // namespace hc::net
