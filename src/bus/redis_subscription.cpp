#include "bus/redis_subscription.hpp"

#include <hiredis/hiredis.h>

#include <poll.h>

#include <cerrno>
#include <system_error>
#include <vector>

namespace hc::bus {
namespace {

// Runs one command and waits for its reply (within the command timeout); nullptr when the connection failed.
redisReply* call(redisContext* context, std::initializer_list<std::string_view> argv) {
  std::vector<const char*> pointers;
  std::vector<std::size_t> lengths;
  for (std::string_view arg : argv) {
    pointers.push_back(arg.data());
    lengths.push_back(arg.size());
  }
  return static_cast<redisReply*>(
      redisCommandArgv(context, static_cast<int>(argv.size()), pointers.data(), lengths.data()));
}

}  // namespace

RedisSubscription::RedisSubscription(const redis::ConnectionOptions& options, std::string_view channel,
                                     std::chrono::milliseconds heartbeat)
    : options_(options), channel_(channel), heartbeat_(heartbeat) {
  // Channels are shared by every database number, so there is no SELECT: only the channel name separates buses.
  context_ = redis::open_context(options_);
  redisReply* raw = call(context_.get(), {"SUBSCRIBE", channel_});
  if (raw == nullptr) fail("SUBSCRIBE");
  const redis::Reply confirmation(raw);
  if (confirmation.at(0).string() != "subscribe" || confirmation.at(1).string() != channel_) {
    throw redis::Error("redis at " + options_.endpoint.describe() + " did not confirm the subscription");
  }
  last_heard_ = std::chrono::steady_clock::now();
}

RedisSubscription::~RedisSubscription() = default;

std::optional<std::string> RedisSubscription::next(std::chrono::milliseconds timeout) {
  if (auto message = buffered()) return message;
  keep_alive();
  pollfd readable{context_->fd, POLLIN, 0};
  const int ready = ::poll(&readable, 1, static_cast<int>(timeout.count()));
  if (ready < 0 && errno != EINTR) fail("poll");
  if (ready <= 0) return std::nullopt;
  // Data, an end of file or an error: the read tells which.
  if (redisBufferRead(context_.get()) != REDIS_OK) fail("reading");
  return buffered();
}

std::optional<std::string> RedisSubscription::buffered() {
  while (true) {
    void* raw = nullptr;
    if (redisGetReplyFromReader(context_.get(), &raw) != REDIS_OK) fail("reading");
    if (raw == nullptr) return std::nullopt;
    const redis::Reply reply(static_cast<redisReply*>(raw));
    last_heard_ = std::chrono::steady_clock::now();
    pinged_ = false;
    // ["message", channel, payload]; a pong is ["pong", ""].
    if (reply.size() == 3 && reply.at(0).string() == "message" && reply.at(1).string() == channel_) {
      return std::string(reply.at(2).string());
    }
  }
}

void RedisSubscription::keep_alive() {
  const auto silence = std::chrono::steady_clock::now() - last_heard_;
  if (silence >= heartbeat_ + options_.command_timeout) {
    throw redis::Error("redis at " + options_.endpoint.describe() + " did not answer a ping within " +
                       std::to_string(options_.command_timeout.count()) + " ms");
  }
  if (silence >= heartbeat_ && !pinged_) {
    send("PING");
    pinged_ = true;
  }
}

void RedisSubscription::send(std::string_view command) {
  const char* argv = command.data();
  const std::size_t length = command.size();
  if (redisAppendCommandArgv(context_.get(), 1, &argv, &length) != REDIS_OK) fail(command);
  int done = 0;
  while (done == 0) {
    if (redisBufferWrite(context_.get(), &done) != REDIS_OK) fail(command);
  }
}

void RedisSubscription::fail(std::string_view during) const {
  const std::string reason = context_ && context_->err ? context_->errstr : std::generic_category().message(errno);
  throw redis::Error("redis subscription at " + options_.endpoint.describe() + " failed on " + std::string(during) +
                     ": " + reason);
}

}  // namespace hc::bus
