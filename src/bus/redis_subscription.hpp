#pragma once
// One connection to Redis subscribed to one channel, read by one thread. redis::Connection answers one command
// with one reply; a subscription instead waits for messages that Redis pushes, so it reads the socket itself:
// it waits for data with poll() (a hiredis read that times out would leave the connection unusable) and asks
// for a pong after a quiet spell, so that a connection that died silently (a paused or unplugged Redis) shows
// up as a failure. Every failure throws redis::Error; the connection is then finished.
#include "redis/connection.hpp"

#include <chrono>
#include <memory>
#include <optional>
#include <string>
#include <string_view>

struct redisContext;

namespace hc::bus {

class RedisSubscription {
 public:
  //! Connects, authenticates and subscribes, each step within the options' timeouts. Silence for longer than
  //! `heartbeat` is broken by a PING, and silence for longer than heartbeat plus the command timeout is a failure.
  RedisSubscription(const redis::ConnectionOptions& options, std::string_view channel,
                    std::chrono::milliseconds heartbeat);
  ~RedisSubscription();
  RedisSubscription(const RedisSubscription&) = delete;
  RedisSubscription& operator=(const RedisSubscription&) = delete;

  //! The next message on the channel, waiting for it at most `timeout`; nullopt when none came in time.
  std::optional<std::string> next(std::chrono::milliseconds timeout);

 private:
  //! A message already read from the socket, if there is one; other replies (pongs) only count as a sign of life.
  std::optional<std::string> buffered();
  //! Sends a PING after a quiet spell; throws when the connection stayed silent too long after it.
  void keep_alive();
  //! Sends one command without waiting for its reply.
  void send(std::string_view command);
  [[noreturn]] void fail(std::string_view during) const;

  const redis::ConnectionOptions options_;
  const std::string channel_;
  const std::chrono::milliseconds heartbeat_;
  redis::Context context_;
  std::chrono::steady_clock::time_point last_heard_;
  bool pinged_ = false;
};

}  // namespace hc::bus
