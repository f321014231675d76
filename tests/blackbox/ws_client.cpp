#include "ws_client.hpp"

#include <boost/asio/connect.hpp>
#include <boost/asio/executor_work_guard.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/post.hpp>
#include <boost/beast/core/buffers_to_string.hpp>
#include <boost/beast/core/flat_buffer.hpp>
#include <boost/beast/websocket.hpp>
#include <boost/json.hpp>

#include <condition_variable>
#include <deque>
#include <mutex>
#include <stdexcept>
#include <thread>

namespace hc::test {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

// Everything the client's I/O thread and the test thread share. Stream operations run on the I/O thread only.
struct WsClient::State {
  asio::io_context io;
  asio::executor_work_guard<asio::io_context::executor_type> work{io.get_executor()};
  websocket::stream<tcp::socket> ws{io};
  beast::flat_buffer buffer;
  std::deque<std::string> outgoing;
  bool writing = false;
  std::size_t pings_left = 0;

  std::mutex mutex;
  std::condition_variable changed;
  std::deque<std::string> received;
  std::optional<WsClose> closed;
  bool write_failed = false;
  std::size_t pings_written = 0;
  std::thread thread;

  void read_next() {
    ws.async_read(buffer, [this](const beast::error_code& ec, std::size_t) {
      const std::lock_guard lock(mutex);
      if (ec) {
        // A close frame gives its code (even when answering it failed because the server had hung up);
        // a dropped connection gives none.
        const auto& reason = ws.reason();
        closed = WsClose{static_cast<std::uint16_t>(reason.code), std::string(reason.reason.data(), reason.reason.size())};
      } else {
        received.push_back(beast::buffers_to_string(buffer.data()));
        buffer.clear();
      }
      changed.notify_all();
      if (!ec) read_next();
    });
  }

  // One writer: queued messages first, then the pings of a flood.
  void write_next() {
    const bool ping = outgoing.empty() && pings_left > 0;
    if (outgoing.empty() && !ping) {
      writing = false;
      return;
    }
    writing = true;
    const std::string_view text = ping ? std::string_view(R"({"type":"ping"})") : std::string_view(outgoing.front());
    ws.async_write(asio::buffer(text), [this, ping](const beast::error_code& ec, std::size_t) {
      if (ping) --pings_left;
      else outgoing.pop_front();
      {
        const std::lock_guard lock(mutex);
        if (ec) write_failed = true;
        else if (ping) ++pings_written;
        changed.notify_all();
      }
      if (!ec) write_next();
    });
  }
};

WsClient::WsClient(std::uint16_t port, WsOptions options) : state_(std::make_shared<State>()) {
  tcp::socket& socket = state_->ws.next_layer();
  socket.open(tcp::v4());
  if (options.receive_buffer_bytes > 0) {
    socket.set_option(asio::socket_base::receive_buffer_size(options.receive_buffer_bytes));
  }
  socket.connect({asio::ip::make_address("127.0.0.1"), port});
  state_->ws.set_option(websocket::stream_base::decorator([origin = options.origin](websocket::request_type& request) {
    if (!origin.empty()) request.set(beast::http::field::origin, origin);
  }));
  state_->ws.auto_fragment(false);
  beast::error_code ec;
  state_->ws.handshake("127.0.0.1:" + std::to_string(port), "/api/v1/ws", ec);
  if (ec) throw std::runtime_error("WebSocket handshake failed: " + ec.message());
  if (options.read) state_->read_next();
  state_->thread = std::thread([state = state_] { state->io.run(); });
}

WsClient::~WsClient() {
  asio::post(state_->io, [state = state_] {
    beast::error_code ignored;
    state->ws.next_layer().close(ignored);
    state->work.reset();
  });
  state_->thread.join();
}

void WsClient::send(std::string text) {
  asio::post(state_->io, [state = state_, text = std::move(text)]() mutable {
    state->outgoing.push_back(std::move(text));
    if (!state->writing) state->write_next();
  });
}

std::optional<boost::json::object> WsClient::sign_in(const std::string& token, const std::string& resume_after) {
  boost::json::object auth{{"type", "auth"}, {"token", token}};
  if (!resume_after.empty()) auth["resume_after"] = resume_after;
  send(boost::json::serialize(auth));
  return next_json();
}

std::optional<std::string> WsClient::next(std::chrono::milliseconds timeout) {
  std::unique_lock lock(state_->mutex);
  state_->changed.wait_for(lock, timeout, [&] { return !state_->received.empty() || state_->closed; });
  if (state_->received.empty()) return std::nullopt;
  std::string message = std::move(state_->received.front());
  state_->received.pop_front();
  return message;
}

std::optional<boost::json::object> WsClient::next_json(std::chrono::milliseconds timeout) {
  const auto text = next(timeout);
  if (!text) return std::nullopt;
  boost::json::value value = boost::json::parse(*text);
  if (!value.is_object()) throw std::runtime_error("a frame that is not a JSON object: " + *text);
  return std::move(value.as_object());
}

std::optional<boost::json::object> WsClient::next_of_type(std::string_view type, std::chrono::milliseconds timeout) {
  const auto give_up = std::chrono::steady_clock::now() + timeout;
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(give_up - std::chrono::steady_clock::now());
    if (left <= std::chrono::milliseconds::zero()) return std::nullopt;
    auto message = next_json(left);
    if (!message) return std::nullopt;
    const auto* found = message->if_contains("type");
    if (found != nullptr && found->is_string() && found->get_string() == type) return message;
  }
}

std::optional<WsClose> WsClient::wait_closed(std::chrono::milliseconds timeout) {
  std::unique_lock lock(state_->mutex);
  state_->changed.wait_for(lock, timeout, [&] { return state_->closed.has_value(); });
  return state_->closed;
}

bool WsClient::ping_until_cut_off(std::size_t max, std::chrono::milliseconds timeout) {
  asio::post(state_->io, [state = state_, max] {
    state->pings_left = max;
    if (!state->writing) state->write_next();
  });
  std::unique_lock lock(state_->mutex);
  state_->changed.wait_for(lock, timeout, [&] { return state_->write_failed || state_->pings_written >= max; });
  return state_->write_failed;
}

}  // namespace hc::test
