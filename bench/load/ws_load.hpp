#pragma once
// The load tool's WebSocket client: many signed-in sockets on /api/v1/ws held by a few threads (Boost.Beast, one
// io_context per thread, one coroutine per socket). Each socket keeps a read loop that timestamps every message of
// interest as it arrives, and can write interaction frames back to back as fast as the server reads them.
#include <boost/asio/awaitable.hpp>

#include <atomic>
#include <chrono>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <vector>

namespace hc::bench {

using WsClock = std::chrono::steady_clock;

struct WsSocket;
struct WsLane;
class Countdown;

//! A message of interest a socket received, and when its read completed.
struct Received {
  WsClock::time_point at;
  std::string text;
};

class WsFleet {
 public:
  //! Starts `threads` client threads (no socket yet); the sockets keep the messages whose text contains `interest`.
  WsFleet(std::uint16_t port, std::string interest, unsigned threads = 2);
  ~WsFleet();
  WsFleet(const WsFleet&) = delete;
  WsFleet& operator=(const WsFleet&) = delete;

  //! Opens one socket per token, with at most `in_flight` connecting at once (so the server's accept queue is never
  //! overrun), and signs each in; returns once every one is ready. Throws with the first failure if any failed.
  void connect(const std::vector<std::string>& tokens, std::size_t in_flight = 128);
  [[nodiscard]] std::size_t size() const { return sockets_.size(); }

  //! Messages of interest received so far by all sockets (any thread).
  [[nodiscard]] std::uint64_t received() const { return received_.load(std::memory_order_acquire); }

  //! Each socket writes its frames (the texts `frames_of(socket)` gives, and a ping, as one buffer) again and
  //! again, one write in flight and a few unanswered at most, until stop_sending().
  void start_sending(const std::function<std::vector<std::string>(std::size_t socket)>& frames_of);
  //! Stops the writers and waits until the server has answered the ping after each socket's last write, and so
  //! has read every frame; how many interaction frames were written in all.
  std::uint64_t stop_sending();

  //! Closes every socket with a closing handshake and waits until all have ended. A handshake completes once the
  //! server has read everything sent before it.
  void close_all();
  //! The messages of interest a socket received; only after close_all().
  [[nodiscard]] const std::vector<Received>& messages(std::size_t socket) const;
  //! Sockets whose connection failed after they were ready, and the first reason.
  [[nodiscard]] std::uint64_t failures() const { return failures_.load(); }
  [[nodiscard]] std::string first_failure() const;

 private:
  //! Opens and signs in the sockets of one lane, one after another.
  boost::asio::awaitable<void> launch(std::size_t lane, const std::vector<std::string>& tokens,
                                      std::shared_ptr<Countdown> launchers);
  //! Keeps reading one socket until it ends.
  boost::asio::awaitable<void> read_until_closed(WsSocket& socket);
  //! Writes one socket's frames again and again until sending stops.
  boost::asio::awaitable<void> write_until_stopped(WsSocket& socket);
  void fail(const std::string& what);

  std::uint16_t port_;
  std::string interest_;
  std::vector<std::unique_ptr<WsLane>> lanes_;
  std::vector<std::unique_ptr<WsSocket>> sockets_;
  std::atomic<std::uint64_t> received_{0};
  std::atomic<std::uint64_t> frames_sent_{0};
  std::atomic<bool> sending_{false};
  std::atomic<bool> closing_{false};
  std::unique_ptr<Countdown> writers_;
  std::unique_ptr<Countdown> readers_;
  std::atomic<std::uint64_t> failures_{0};
  mutable std::mutex failure_mutex_;
  std::string first_failure_;
};

//! One client-to-server text frame, masked as RFC 6455 requires, ready to be written as raw bytes.
std::string encode_client_frame(std::string_view payload);

}  // namespace hc::bench
