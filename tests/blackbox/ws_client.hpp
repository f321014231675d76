#pragma once
// A real WebSocket client (Boost.Beast) for the black-box tests: it connects to the server under test, reads
// every message on its own thread into a queue the test takes from with a deadline, and records how the
// server closed the socket.
#include <boost/json/object.hpp>

#include <chrono>
#include <cstdint>
#include <memory>
#include <optional>
#include <string>

namespace hc::test {

struct WsClose {
  std::uint16_t code = 0;  // 0: the connection ended without a close frame
  std::string reason;
};

struct WsOptions {
  std::string origin;           // the Origin header; none when empty (like a native app)
  bool read = true;             // false: a client that never reads what the server sends
  int receive_buffer_bytes = 0;  // a small socket receive buffer, for a client that never reads
};

class WsClient {
 public:
  //! Connects to ws://127.0.0.1:port/api/v1/ws and completes the handshake; throws std::runtime_error if it fails.
  explicit WsClient(std::uint16_t port, WsOptions options = {});
  ~WsClient();
  WsClient(const WsClient&) = delete;
  WsClient& operator=(const WsClient&) = delete;

  //! Queues a text frame.
  void send(std::string text);
  //! Sends {"type": "auth", "token": ..., "resume_after"?} and returns the answer (expected: ready).
  std::optional<boost::json::object> sign_in(const std::string& token, const std::string& resume_after = {});
  //! The next message within the timeout; nullopt if none came (or the socket closed).
  std::optional<std::string> next(std::chrono::milliseconds timeout = std::chrono::seconds(2));
  //! The next message parsed as a JSON object; nullopt if none came.
  std::optional<boost::json::object> next_json(std::chrono::milliseconds timeout = std::chrono::seconds(2));
  //! The next message of a type, skipping others (pongs); nullopt if none came.
  std::optional<boost::json::object> next_of_type(std::string_view type,
                                                  std::chrono::milliseconds timeout = std::chrono::seconds(2));
  //! Waits until the server has closed the socket; how it closed it, or nullopt if it is still open.
  std::optional<WsClose> wait_closed(std::chrono::milliseconds timeout = std::chrono::seconds(5));
  //! Writes ping frames back to back until a write fails or `max` were written; true if a write failed (the
  //! server cut the connection), false if all were written or `timeout` passed first.
  bool ping_until_cut_off(std::size_t max, std::chrono::milliseconds timeout);

 private:
  struct State;
  std::shared_ptr<State> state_;
};

}  // namespace hc::test
