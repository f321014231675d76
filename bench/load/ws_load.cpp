#include "ws_load.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/websocket.hpp>

#include <array>
#include <condition_variable>
#include <stdexcept>
#include <thread>

namespace hc::bench {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace websocket = beast::websocket;
using tcp = asio::ip::tcp;

namespace {

constexpr auto kTuple = asio::as_tuple(asio::use_awaitable);
constexpr auto kConnectTimeout = std::chrono::seconds(30);
constexpr std::string_view kReady = R"("type":"ready")";
constexpr std::string_view kPing = R"({"type":"ping"})";
constexpr std::string_view kPong = R"("type":"pong")";
// Writes a socket may have out before the server has answered the ping at the end of the oldest: enough to keep
// the server busy, few enough that what "written" counts is what the server has read, not what waits in the
// kernel's socket buffers (which on loopback can hold megabytes per socket).
constexpr std::uint64_t kWritesInFlight = 2;
constexpr auto kLastPongTimeout = std::chrono::seconds(60);

}  // namespace

//! Waits on one thread until others have counted down to zero.
class Countdown {
 public:
  explicit Countdown(std::size_t count) : left_(count) {}
  void done() {
    const std::lock_guard lock(mutex_);
    if (--left_ == 0) zero_.notify_all();
  }
  void wait() {
    std::unique_lock lock(mutex_);
    zero_.wait(lock, [this] { return left_ == 0; });
  }

 private:
  std::mutex mutex_;
  std::condition_variable zero_;
  std::size_t left_;
};

// One client thread and its sockets' event loop. `next` is the next socket it opens (only its thread touches it).
struct WsLane {
  explicit WsLane(std::size_t first) : next(first) {}
  asio::io_context io{1};
  asio::executor_work_guard<asio::io_context::executor_type> busy = asio::make_work_guard(io);
  std::thread thread;
  std::size_t next;
};

struct WsSocket {
  explicit WsSocket(asio::io_context& io) : ws(io), pong_arrived(io) {}
  websocket::stream<beast::tcp_stream> ws;
  beast::flat_buffer buffer;
  std::vector<Received> received;
  std::string frames;             // encoded, written as one buffer, a ping last
  std::uint64_t frame_count = 0;  // interaction frames in it
  std::uint64_t writes = 0;
  std::uint64_t pongs = 0;
  asio::steady_timer pong_arrived;  // the writer waits on it while kWritesInFlight are unanswered
};

namespace {

// Connects, upgrades, sends the auth frame and waits for `ready`; throws on any failure.
asio::awaitable<void> open(WsSocket& socket, std::uint16_t port, const std::string& token) {
  auto& stream = beast::get_lowest_layer(socket.ws);
  stream.expires_after(kConnectTimeout);
  co_await stream.async_connect(tcp::endpoint(asio::ip::make_address_v4("127.0.0.1"), port), asio::use_awaitable);
  stream.socket().set_option(tcp::no_delay(true));
  // From here on the WebSocket stream keeps the time (handshake and close only: a client may sit idle).
  stream.expires_never();
  socket.ws.set_option(websocket::stream_base::timeout::suggested(beast::role_type::client));
  socket.ws.text(true);
  co_await socket.ws.async_handshake("127.0.0.1:" + std::to_string(port), "/api/v1/ws", asio::use_awaitable);
  const std::string auth = R"({"type":"auth","token":")" + token + "\"}";
  co_await socket.ws.async_write(asio::buffer(auth), asio::use_awaitable);
  co_await socket.ws.async_read(socket.buffer, asio::use_awaitable);
  const std::string answer = beast::buffers_to_string(socket.buffer.data());
  socket.buffer.clear();
  if (answer.find(kReady) == std::string::npos) throw std::runtime_error("signed in and got " + answer);
}

}  // namespace

std::string encode_client_frame(std::string_view payload) {
  // Any mask will do (the server unmasks whatever it is given); a fixed one lets each socket's frames be encoded
  // once for the whole run.
  static constexpr std::array<unsigned char, 4> kMask{0x5a, 0x3c, 0x96, 0xe1};
  const std::size_t size = payload.size();
  std::string frame;
  frame.push_back(static_cast<char>(0x81));  // FIN, text
  if (size < 126) {
    frame.push_back(static_cast<char>(0x80 | size));
  } else if (size <= 0xffff) {
    frame.push_back(static_cast<char>(0x80 | 126));
    frame.push_back(static_cast<char>((size >> 8) & 0xff));
    frame.push_back(static_cast<char>(size & 0xff));
  } else {
    throw std::invalid_argument("the load tool encodes frames of at most 64 KiB");
  }
  for (const unsigned char byte : kMask) frame.push_back(static_cast<char>(byte));
  for (std::size_t i = 0; i < size; ++i) {
    frame.push_back(static_cast<char>(static_cast<unsigned char>(payload[i]) ^ kMask[i % kMask.size()]));
  }
  return frame;
}

WsFleet::WsFleet(std::uint16_t port, std::string interest, unsigned threads)
    : port_(port), interest_(std::move(interest)) {
  for (std::size_t t = 0; t < std::max(1U, threads); ++t) {
    auto& lane = *lanes_.emplace_back(std::make_unique<WsLane>(t));
    lane.thread = std::thread([&io = lane.io] { io.run(); });
  }
}

WsFleet::~WsFleet() {
  for (auto& lane : lanes_) lane->io.stop();
  for (auto& lane : lanes_) lane->thread.join();
  sockets_.clear();  // before their io_contexts
}

void WsFleet::connect(const std::vector<std::string>& tokens, std::size_t in_flight) {
  if (!sockets_.empty()) throw std::logic_error("WsFleet::connect is called once");
  for (std::size_t i = 0; i < tokens.size(); ++i) {
    sockets_.push_back(std::make_unique<WsSocket>(lanes_[i % lanes_.size()]->io));
  }
  readers_ = std::make_unique<Countdown>(tokens.size());
  const std::size_t per_lane = std::max<std::size_t>(1, in_flight / lanes_.size());
  auto launchers = std::make_shared<Countdown>(per_lane * lanes_.size());
  for (std::size_t t = 0; t < lanes_.size(); ++t) {
    for (std::size_t n = 0; n < per_lane; ++n)
      asio::co_spawn(lanes_[t]->io, launch(t, tokens, launchers), asio::detached);
  }
  launchers->wait();
  if (failures_ > 0) {
    throw std::runtime_error(std::to_string(failures_.load()) + " of " + std::to_string(tokens.size()) +
                             " sockets did not sign in; first: " + first_failure());
  }
}

asio::awaitable<void> WsFleet::launch(std::size_t lane, const std::vector<std::string>& tokens,
                                      std::shared_ptr<Countdown> launchers) {
  WsLane& mine = *lanes_[lane];
  while (mine.next < tokens.size()) {
    const std::size_t index = mine.next;
    mine.next += lanes_.size();
    WsSocket& socket = *sockets_[index];
    try {
      co_await open(socket, port_, tokens[index]);
      asio::co_spawn(mine.io, read_until_closed(socket), asio::detached);
    } catch (const std::exception& e) {
      fail("sign-in: " + std::string(e.what()));
      readers_->done();  // no reader for this one
    }
  }
  launchers->done();
}

asio::awaitable<void> WsFleet::read_until_closed(WsSocket& socket) {
  for (;;) {
    auto [ec, bytes] = co_await socket.ws.async_read(socket.buffer, kTuple);
    if (ec) {
      if (!closing_) fail("socket ended early: " + ec.message());
      break;
    }
    // Timed before anything else is done with it: this is when the client had the message.
    const auto at = WsClock::now();
    std::string text = beast::buffers_to_string(socket.buffer.data());
    socket.buffer.consume(socket.buffer.size());
    if (text.find(kPong) != std::string::npos) {
      ++socket.pongs;
      socket.pong_arrived.cancel();
      continue;
    }
    if (text.find(interest_) == std::string::npos) continue;
    socket.received.push_back({at, std::move(text)});
    received_.fetch_add(1, std::memory_order_release);
  }
  readers_->done();
}

void WsFleet::start_sending(const std::function<std::vector<std::string>(std::size_t socket)>& frames_of) {
  sending_ = true;
  frames_sent_ = 0;
  writers_ = std::make_unique<Countdown>(sockets_.size());
  for (std::size_t i = 0; i < sockets_.size(); ++i) {
    WsSocket& socket = *sockets_[i];
    const std::vector<std::string> texts = frames_of(i);
    socket.frames.clear();
    for (const std::string& text : texts) socket.frames += encode_client_frame(text);
    socket.frames += encode_client_frame(kPing);
    socket.frame_count = texts.size();
    asio::co_spawn(lanes_[i % lanes_.size()]->io, write_until_stopped(socket), asio::detached);
  }
}

asio::awaitable<void> WsFleet::write_until_stopped(WsSocket& socket) {
  // Raw bytes on the TCP socket, past Beast's writer: frames encoded once cost the client nothing per frame, so the
  // server's reading sets the pace. Safe while nothing else writes: Beast writes on its own only to answer a ping
  // or a close, and the server pings only a socket it has not heard from for a while.
  auto& tcp_socket = beast::get_lowest_layer(socket.ws).socket();
  while (sending_.load(std::memory_order_relaxed)) {
    if (socket.writes - socket.pongs >= kWritesInFlight) {
      // Woken by the read loop's next pong (the timer's cancel); the bound only guards against a lost wake-up.
      socket.pong_arrived.expires_after(std::chrono::seconds(1));
      co_await socket.pong_arrived.async_wait(kTuple);
      continue;
    }
    auto [ec, bytes] = co_await asio::async_write(tcp_socket, asio::buffer(socket.frames), kTuple);
    if (ec) {
      fail("write: " + ec.message());
      break;
    }
    ++socket.writes;
    frames_sent_.fetch_add(socket.frame_count, std::memory_order_relaxed);
  }
  // The last pong means the server has read every frame written.
  const auto deadline = WsClock::now() + kLastPongTimeout;
  while (socket.pongs < socket.writes && WsClock::now() < deadline) {
    socket.pong_arrived.expires_after(std::chrono::milliseconds(100));
    co_await socket.pong_arrived.async_wait(kTuple);
  }
  if (socket.pongs < socket.writes) fail("the server did not answer the last ping");
  writers_->done();
}

std::uint64_t WsFleet::stop_sending() {
  sending_ = false;
  if (writers_) writers_->wait();
  return frames_sent_.load();
}

void WsFleet::close_all() {
  closing_ = true;
  for (std::size_t i = 0; i < sockets_.size(); ++i) {
    asio::co_spawn(
        lanes_[i % lanes_.size()]->io,
        [&socket = *sockets_[i]]() -> asio::awaitable<void> {
          // The read loop sees the server's answer and ends; a socket already gone fails here, which is fine.
          co_await socket.ws.async_close(websocket::close_code::normal, kTuple);
        },
        asio::detached);
  }
  if (readers_) readers_->wait();
}

const std::vector<Received>& WsFleet::messages(std::size_t socket) const { return sockets_.at(socket)->received; }

void WsFleet::fail(const std::string& what) {
  const std::lock_guard lock(failure_mutex_);
  if (failures_++ == 0) first_failure_ = what;
}

std::string WsFleet::first_failure() const {
  const std::lock_guard lock(failure_mutex_);
  return first_failure_;
}

}  // namespace hc::bench
