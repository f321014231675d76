#pragma once
// One synchronous connection to Redis through hiredis. Every connect, read and write waits at most its timeout;
// after an I/O error or a timeout the connection is dropped (a late answer must never be read as the reply to
// the next command) and the next command connects again. Every failure throws redis::Error, so a circuit
// breaker in front can count them.
#include "core/result.hpp"

#include <array>
#include <chrono>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <stdexcept>
#include <string>
#include <string_view>

struct redisContext;
struct redisReply;

namespace hc::redis {

//! A failed call: Redis unreachable, a timeout, a broken connection, or an error reply (then reply() holds the
//! server's own message, e.g. "WRONGTYPE Operation against a key holding the wrong kind of value").
class Error : public std::runtime_error {
 public:
  explicit Error(const std::string& what, std::string reply = {});
  //! The server's error reply, or "" when the call failed before the server answered.
  [[nodiscard]] const std::string& reply() const { return reply_; }

 private:
  std::string reply_;
};

struct Endpoint {
  std::string host;
  std::uint16_t port = 6379;
  std::string user;      // an ACL user; "" authenticates with the password alone
  std::string password;  // "" sends no AUTH
  int database = 0;

  //! "host:port/db", never the password: for messages and logs.
  [[nodiscard]] std::string describe() const;

  friend bool operator==(const Endpoint&, const Endpoint&) = default;
};

//! Reads "redis://[[user]:password@]host[:port][/db]"; the error says what is wrong (never echoing the password), for
//! the configuration's message.
Result<Endpoint, std::string> parse_url(std::string_view url);

struct ConnectionOptions {
  Endpoint endpoint;
  std::chrono::milliseconds connect_timeout{2000};
  std::chrono::milliseconds command_timeout{2000};  // each read and write of a command
};

//! One reply, or one element of an array reply (which keeps the whole reply alive). The typed reads throw
//! redis::Error when the reply is of another type.
class Reply {
 public:
  //! Takes ownership of a reply from hiredis.
  explicit Reply(redisReply* reply);

  [[nodiscard]] bool is_nil() const;
  [[nodiscard]] std::int64_t integer() const;
  //! A bulk string or a status ("OK"); binary-safe.
  [[nodiscard]] std::string_view string() const;
  //! The number of elements of an array reply.
  [[nodiscard]] std::size_t size() const;
  //! Element i of an array reply.
  [[nodiscard]] Reply at(std::size_t i) const;

 private:
  explicit Reply(std::shared_ptr<const redisReply> node) : node_(std::move(node)) {}
  [[noreturn]] void wrong_type(std::string_view wanted) const;

  std::shared_ptr<const redisReply> node_;
};

//! Frees a hiredis context.
struct ContextFree {
  void operator()(redisContext* context) const;
};
using Context = std::unique_ptr<redisContext, ContextFree>;

//! A hiredis context connected within the connect timeout, with the command timeout set and the password given
//! (no SELECT): for a connection that speaks its own protocol, such as a subscription. Throws Error, whose
//! message never holds the password.
Context open_context(const ConnectionOptions& options);

class Connection {
 public:
  //! Does not connect yet: the first command does.
  explicit Connection(ConnectionOptions options);
  ~Connection();
  Connection(const Connection&) = delete;
  Connection& operator=(const Connection&) = delete;

  //! Sends one command, each argument binary-safe: command("SET", key, value). Throws redis::Error on an error
  //! reply (the connection stays usable) or an I/O failure (the next command reconnects).
  template <class... Args>
  Reply command(const Args&... args) {
    const std::array<std::string_view, sizeof...(Args)> argv{std::string_view(args)...};
    return command_argv(argv);
  }
  //! The same with the arguments in a list.
  Reply command_argv(std::span<const std::string_view> argv);

  [[nodiscard]] const Endpoint& endpoint() const { return options_.endpoint; }

 private:
  void connect();
  //! Drops the broken connection and throws why command_name failed (errno was error_number).
  [[noreturn]] void drop(std::string_view command_name, int error_number);

  const ConnectionOptions options_;
  Context context_;
};

}  // namespace hc::redis
