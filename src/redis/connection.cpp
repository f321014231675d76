#include "redis/connection.hpp"

#include <hiredis/hiredis.h>

#include <boost/url/parse.hpp>

#include <pthread.h>
#include <signal.h>

#include <cerrno>
#include <charconv>
#include <climits>
#include <optional>
#include <stdexcept>
#include <vector>

namespace hc::redis {
namespace {

constexpr std::string_view kUrlShape = "redis://[:password@]host[:port][/db]";

// Whole decimal text within [0, max]; nullopt otherwise.
std::optional<unsigned long> parse_number(std::string_view text, unsigned long max) {
  unsigned long value = 0;
  const auto [end, error] = std::from_chars(text.data(), text.data() + text.size(), value);
  if (text.empty() || error != std::errc{} || end != text.data() + text.size() || value > max) return std::nullopt;
  return value;
}

timeval to_timeval(std::chrono::milliseconds duration) {
  return timeval{static_cast<time_t>(duration.count() / 1000),
                 static_cast<suseconds_t>(duration.count() % 1000 * 1000)};
}

// hiredis writes with write(2), which raises SIGPIPE when the server has reset the connection, and that signal
// would end the whole process. It is held back on this thread during a call, and discarded if the call raised it.
class SigpipeHeldBack {
 public:
  SigpipeHeldBack() {
    sigemptyset(&pipe_);
    sigaddset(&pipe_, SIGPIPE);
    pending_before_ = pending();
    pthread_sigmask(SIG_BLOCK, &pipe_, &previous_);
  }
  ~SigpipeHeldBack() {
    if (!pending_before_ && pending()) {
      const timespec no_wait{};
      sigtimedwait(&pipe_, nullptr, &no_wait);
    }
    pthread_sigmask(SIG_SETMASK, &previous_, nullptr);
  }
  SigpipeHeldBack(const SigpipeHeldBack&) = delete;
  SigpipeHeldBack& operator=(const SigpipeHeldBack&) = delete;

 private:
  static bool pending() {
    sigset_t signals;
    sigpending(&signals);
    return sigismember(&signals, SIGPIPE) == 1;
  }

  sigset_t pipe_{};
  sigset_t previous_{};
  bool pending_before_ = false;
};

}  // namespace

Error::Error(const std::string& what, std::string reply) : std::runtime_error(what), reply_(std::move(reply)) {}

std::string Endpoint::describe() const { return host + ":" + std::to_string(port) + "/" + std::to_string(database); }

// Messages never quote the URL itself: it may hold the password.
Result<Endpoint, std::string> parse_url(std::string_view url) {
  const auto parsed = boost::urls::parse_absolute_uri(url);
  if (!parsed) return Failure{"is not a URL like " + std::string(kUrlShape)};
  if (parsed->scheme() == "rediss") return Failure{std::string("asks for TLS (rediss://), which is not supported")};
  if (parsed->scheme() != "redis") return Failure{"must start with redis://, as in " + std::string(kUrlShape)};
  Endpoint endpoint;
  endpoint.host = parsed->host_address();
  if (endpoint.host.empty()) return Failure{"has no host, as in " + std::string(kUrlShape)};
  if (parsed->has_port()) {
    const auto port = parse_number(parsed->port(), 65535);
    if (!port || *port == 0) return Failure{std::string("has a port that is not a number from 1 to 65535")};
    endpoint.port = static_cast<std::uint16_t>(*port);
  }
  if (parsed->has_userinfo()) {
    endpoint.user = parsed->user();
    if (!parsed->has_password() || parsed->encoded_password().empty()) {
      return Failure{
          std::string("has a user but no password; give redis://:password@host or redis://user:password@host")};
    }
    endpoint.password = parsed->password();
  }
  std::string_view path = parsed->encoded_path();
  if (path.starts_with('/')) path.remove_prefix(1);
  if (!path.empty()) {
    const auto database = parse_number(path, INT_MAX);
    if (!database) return Failure{std::string("has a path that is not a database number (redis://host:port/0)")};
    endpoint.database = static_cast<int>(*database);
  }
  if (parsed->has_query() || parsed->has_fragment()) {
    return Failure{std::string("has a query or a fragment; a redis:// URL takes none")};
  }
  return endpoint;
}

Reply::Reply(redisReply* reply) : node_(reply, freeReplyObject) {
  if (!reply) throw std::invalid_argument("a redis reply cannot be null");
}

bool Reply::is_nil() const { return node_->type == REDIS_REPLY_NIL; }

std::int64_t Reply::integer() const {
  if (node_->type != REDIS_REPLY_INTEGER) wrong_type("an integer");
  return static_cast<std::int64_t>(node_->integer);
}

std::string_view Reply::string() const {
  if (node_->type != REDIS_REPLY_STRING && node_->type != REDIS_REPLY_STATUS) wrong_type("a string");
  return {node_->str, node_->len};
}

std::size_t Reply::size() const {
  if (node_->type != REDIS_REPLY_ARRAY) wrong_type("an array");
  return node_->elements;
}

Reply Reply::at(std::size_t i) const {
  if (i >= size()) throw Error("redis reply has no element " + std::to_string(i) + " of " + std::to_string(size()));
  // Shares ownership of the whole reply: hiredis frees the elements with their array.
  return Reply(std::shared_ptr<const redisReply>(node_, node_->element[i]));
}

void Reply::wrong_type(std::string_view wanted) const {
  if (node_->type == REDIS_REPLY_ERROR) {
    const std::string message(node_->str, node_->len);
    throw Error("redis answered with an error: " + message, message);
  }
  throw Error("redis answered with something other than " + std::string(wanted) + " (reply type " +
              std::to_string(node_->type) + ")");
}

void ContextFree::operator()(redisContext* context) const { redisFree(context); }

Connection::Connection(ConnectionOptions options) : options_(std::move(options)) {}

Connection::~Connection() = default;

Reply Connection::command_argv(std::span<const std::string_view> argv) {
  if (argv.empty()) throw std::invalid_argument("a redis command needs a name");
  if (!context_) connect();
  std::vector<const char*> pointers;
  std::vector<std::size_t> lengths;
  for (std::string_view arg : argv) {
    pointers.push_back(arg.data());
    lengths.push_back(arg.size());
  }
  void* raw = nullptr;
  int error_number = 0;
  {
    const SigpipeHeldBack held_back;
    raw = redisCommandArgv(context_.get(), static_cast<int>(argv.size()), pointers.data(), lengths.data());
    error_number = errno;
  }
  if (!raw) drop(argv.front(), error_number);
  Reply reply(static_cast<redisReply*>(raw));
  const auto* node = static_cast<const redisReply*>(raw);
  if (node->type == REDIS_REPLY_ERROR) {
    const std::string message(node->str, node->len);
    throw Error("redis answered " + std::string(argv.front()) + " with an error: " + message, message);
  }
  return reply;
}

Context open_context(const ConnectionOptions& options) {
  const Endpoint& endpoint = options.endpoint;
  Context context(redisConnectWithTimeout(endpoint.host.c_str(), endpoint.port, to_timeval(options.connect_timeout)));
  if (!context) throw Error("cannot connect to redis at " + endpoint.describe() + ": out of memory");
  if (context->err) throw Error("cannot connect to redis at " + endpoint.describe() + ": " + context->errstr);
  if (redisSetTimeout(context.get(), to_timeval(options.command_timeout)) != REDIS_OK) {
    throw Error("cannot set the command timeout of redis at " + endpoint.describe() + ": " + context->errstr);
  }
  if (endpoint.password.empty()) return context;
  std::vector<const char*> argv{"AUTH"};
  std::vector<std::size_t> lengths{4};
  if (!endpoint.user.empty()) {
    argv.push_back(endpoint.user.c_str());
    lengths.push_back(endpoint.user.size());
  }
  argv.push_back(endpoint.password.c_str());
  lengths.push_back(endpoint.password.size());
  auto* raw = static_cast<redisReply*>(
      redisCommandArgv(context.get(), static_cast<int>(argv.size()), argv.data(), lengths.data()));
  if (raw == nullptr) throw Error("redis at " + endpoint.describe() + " failed on AUTH: " + context->errstr);
  const Reply answer(raw);
  if (raw->type == REDIS_REPLY_ERROR) {
    const std::string message(raw->str, raw->len);
    throw Error("redis at " + endpoint.describe() + " refused AUTH: " + message, message);
  }
  return context;
}

void Connection::connect() {
  context_ = open_context(options_);
  // A connection that is refused its database is dropped, never used as it is.
  try {
    if (options_.endpoint.database != 0) command("SELECT", std::to_string(options_.endpoint.database));
  } catch (...) {
    context_.reset();
    throw;
  }
}

void Connection::drop(std::string_view command_name, int error_number) {
  const bool timed_out = context_->err == REDIS_ERR_IO && (error_number == EAGAIN || error_number == EWOULDBLOCK);
  const std::string reason = timed_out ? "no answer within " + std::to_string(options_.command_timeout.count()) + " ms"
                                       : std::string(context_->errstr);
  context_.reset();
  throw Error("redis at " + options_.endpoint.describe() + " failed on " + std::string(command_name) + ": " + reason);
}

}  // namespace hc::redis
