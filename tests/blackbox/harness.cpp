#include "harness.hpp"

#include "postgres_server.hpp"
#include "redemptions/code.hpp"
#include "suite_logs.hpp"

#include <boost/algorithm/string/predicate.hpp>
#include <boost/asio/connect.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/read.hpp>
#include <boost/asio/write.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>
#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <arpa/inet.h>
#include <fcntl.h>
#include <netinet/in.h>
#include <poll.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <cerrno>

#include <algorithm>
#include <array>
#include <charconv>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <regex>
#include <sstream>
#include <stdexcept>
#include <thread>

extern char** environ;

namespace hc::test {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;

// The child gets PATH and the like, never HC_* from the test's own environment, plus the given variables.
std::vector<std::string> child_environment(const std::map<std::string, std::string>& env) {
  std::vector<std::string> entries;
  for (char** entry = environ; *entry != nullptr; ++entry) {
    if (std::string_view(*entry).starts_with("HC_")) continue;
    entries.emplace_back(*entry);
  }
  for (const auto& [name, value] : env) entries.push_back(name + "=" + value);
  return entries;
}

int spawn(const std::vector<std::string>& args, const std::map<std::string, std::string>& env,
          const std::filesystem::path& output) {
  std::vector<std::string> argv_storage{HC_SERVER_BINARY};
  argv_storage.insert(argv_storage.end(), args.begin(), args.end());
  const std::vector<std::string> env_storage = child_environment(env);
  std::vector<char*> argv;
  std::vector<char*> envp;
  for (const auto& arg : argv_storage) argv.push_back(const_cast<char*>(arg.c_str()));
  for (const auto& entry : env_storage) envp.push_back(const_cast<char*>(entry.c_str()));
  argv.push_back(nullptr);
  envp.push_back(nullptr);
  const pid_t parent = ::getpid();
  const pid_t pid = fork();
  if (pid < 0) throw std::runtime_error("fork failed");
  if (pid == 0) {
    // If the test binary dies (a crash, a timeout kill), its servers must not outlive it.
    ::prctl(PR_SET_PDEATHSIG, SIGKILL);
    if (::getppid() != parent) _exit(127);  // it died before prctl took effect
    const int fd = ::open(output.c_str(), O_WRONLY | O_CREAT | O_APPEND, 0600);
    ::dup2(fd, STDOUT_FILENO);
    ::dup2(fd, STDERR_FILENO);
    ::execve(argv[0], argv.data(), envp.data());
    _exit(127);
  }
  return pid;
}

int exit_code_of(int status) {
  if (WIFEXITED(status)) return WEXITSTATUS(status);
  if (WIFSIGNALED(status)) return 128 + WTERMSIG(status);
  return -1;
}

int wait_exit(int pid) {
  int status = 0;
  ::waitpid(pid, &status, 0);
  return exit_code_of(status);
}

// A blocking TCP socket connected to 127.0.0.1:port, or -1 (errno set) when the connection fails.
int connect_loopback(std::uint16_t port) {
  const int fd = ::socket(AF_INET, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return -1;
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  if (::connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof address) != 0) {
    const int saved = errno;
    ::close(fd);
    errno = saved;
    return -1;
  }
  return fd;
}

template <class Message>
HttpResult to_result(const Message& response) {
  HttpResult result{response.result_int(), {}, response.body()};
  for (const auto& field : response) result.headers.emplace_back(std::string(field.name_string()), std::string(field.value()));
  return result;
}

// Every secret in a JSON value: tokens, passwords, and coupon codes.
void witness_secrets_in(const boost::json::value& value) {
  if (const auto* object = value.if_object()) {
    for (const auto& [key, member] : *object) {
      if (const auto* text = member.if_string()) {
        const std::string_view k = key;
        const bool code = k == "code" && redemptions::parse_code(*text);  // an error's "code" is not one
        if (k == "password" || k == "access_token" || k == "refresh_token" || code) {
          witness_secret(*text);
        }
      } else {
        witness_secrets_in(member);
      }
    }
  } else if (const auto* array = value.if_array()) {
    for (const auto& element : *array) witness_secrets_in(element);
  }
}

void witness_json(std::string_view text) {
  boost::system::error_code ec;
  const auto value = boost::json::parse(text, ec);
  if (!ec) witness_secrets_in(value);
}

// What the log check after the suite needs to know of a request (see suite_logs.hpp): the secrets it carries.
void witness_request(const Headers& headers, std::string_view body) {
  for (const auto& [name, value] : headers) {
    if (boost::iequals(name, "Authorization") && boost::istarts_with(value, "Bearer ")) witness_secret(value.substr(7));
  }
  witness_json(body);
}

// The same for the raw bytes of a request (its head's Authorization, and a JSON body).
void witness_raw_request(std::string_view bytes) {
  const auto head_end = bytes.find("\r\n\r\n");
  Headers headers;
  std::string_view head = bytes.substr(0, head_end);
  while (!head.empty()) {
    const auto line_end = head.find("\r\n");
    const std::string_view line = head.substr(0, line_end);
    const auto colon = line.find(':');
    if (colon != std::string_view::npos) {
      std::string_view value = line.substr(colon + 1);
      while (value.starts_with(' ')) value.remove_prefix(1);
      headers.emplace_back(std::string(line.substr(0, colon)), std::string(value));
    }
    head = line_end == std::string_view::npos ? std::string_view{} : head.substr(line_end + 2);
  }
  witness_request(headers, head_end == std::string_view::npos ? std::string_view{} : bytes.substr(head_end + 4));
}

// And of an answer: the secrets in it, and whether the server refused the request.
void witness_answer(const HttpResult& result) {
  witness_json(result.body);
  for (const auto& cookie : result.all("Set-Cookie")) {
    const auto value = cookie.substr(0, cookie.find(';'));
    const auto equals = value.find('=');
    if (equals != std::string::npos) witness_secret(value.substr(equals + 1));
  }
  if (result.status == 401 || result.status == 403 || result.status == 429) {
    witness_refusal(result.status, result.header("X-Request-Id"));
  }
}

}  // namespace

std::string HttpResult::header(std::string_view name) const {
  for (const auto& [key, value] : headers) {
    if (boost::algorithm::iequals(key, name)) return value;
  }
  return {};
}

std::vector<std::string> HttpResult::all(std::string_view name) const {
  std::vector<std::string> values;
  for (const auto& [key, value] : headers) {
    if (boost::algorithm::iequals(key, name)) values.push_back(value);
  }
  return values;
}

boost::json::value HttpResult::json() const { return boost::json::parse(body); }

std::string HttpResult::error_code() const {
  boost::system::error_code ec;
  const auto value = boost::json::parse(body, ec);
  if (ec || !value.is_object()) return {};
  const auto* error = value.as_object().if_contains("error");
  if (error == nullptr || !error->is_object()) return {};
  const auto* code = error->as_object().if_contains("code");
  return (code != nullptr && code->is_string()) ? std::string(code->as_string()) : std::string{};
}

ServerProcess::ServerProcess(std::vector<std::string> extra_args, std::map<std::string, std::string> env)
    : data_dir_(make_temp_dir()), log_file_(data_dir_ / "server.log") {
  start(std::move(extra_args), env);
}

ServerProcess::ServerProcess(ExistingDataDir data_dir, std::vector<std::string> extra_args,
                             std::map<std::string, std::string> env)
    : data_dir_(std::move(data_dir.path)), log_file_(data_dir_ / "server.log"), owns_data_dir_(false) {
  std::filesystem::remove(log_file_);
  start(std::move(extra_args), env);
}

// With HOTELCOUPON_TEST_DATABASE=postgresql in the test's environment (not HC_*: a server refuses settings it does
// not know, and the worker inherits the environment), a server whose test names no database runs on a
// fresh PostgreSQL database instead of SQLite, the same one again when restarted on the same data folder: the whole
// black-box suite can run on either engine.
namespace {
std::vector<std::string> database_flags(const std::filesystem::path& data_dir, const std::vector<std::string>& args) {
  const char* engine = std::getenv("HOTELCOUPON_TEST_DATABASE");
  if (engine == nullptr || std::string_view(engine) != "postgresql") return {};
  if (std::find(args.begin(), args.end(), "--database-url") != args.end()) return {};
  const auto remembered = data_dir / "postgresql.url";
  std::string url = read_text_file(remembered);
  if (url.empty()) {
    url = shared_postgres().create_database();
    std::ofstream(remembered) << url;
  }
  return {"--database-url", url};
}
}  // namespace

ServerProcess::ServerProcess(Worker, std::vector<std::string> extra_args)
    : data_dir_(make_temp_dir()), log_file_(data_dir_ / "server.log"), worker_(true) {
  start(std::move(extra_args), {});
}

void ServerProcess::start(std::vector<std::string> extra_args, const std::map<std::string, std::string>& env) {
  std::vector<std::string> args{"serve", "--listen", "127.0.0.1:0", "--data-dir", data_dir_.string()};
  if (worker_) args = {"worker", "--data-dir", data_dir_.string()};
  for (std::string& flag : database_flags(data_dir_, extra_args)) args.push_back(std::move(flag));
  // Thread counts have defaults here that the caller's flags replace (a flag may be given only once). No web app
  // unless the test brings one: whether the repository's web/dist is built must not change what a test sees.
  for (const auto& [flag, value] : {std::pair{"--io-threads", "2"}, std::pair{"--worker-threads", "4"},
                                    std::pair{"--web-dir", "none"}}) {
    if (std::find(extra_args.begin(), extra_args.end(), flag) == extra_args.end()) {
      args.emplace_back(flag);
      args.emplace_back(value);
    }
  }
  args.insert(args.end(), extra_args.begin(), extra_args.end());
  pid_ = spawn(args, env, log_file_);
  // The server logs the port it bound: {"msg":"listening",...,"port":N}; a worker logs that it is working.
  const std::regex ready(worker_ ? R"re("msg":"working"())re" : R"re("msg":"listening".*"port":(\d+))re");
  const auto give_up = std::chrono::steady_clock::now() + std::chrono::seconds(30);
  while (std::chrono::steady_clock::now() < give_up) {
    std::smatch match;
    const std::string text = read_text_file(log_file_);
    if (std::regex_search(text, match, ready)) {
      if (!worker_) port_ = static_cast<std::uint16_t>(std::stoi(match[1]));
      return;
    }
    if (!running()) {
      abandon_start();
      throw std::runtime_error("the server exited during start-up:\n" + text);
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  const std::string text = read_text_file(log_file_);
  abandon_start();
  throw std::runtime_error("the server did not start within 30 s:\n" + text);
}

// The destructor does not run when the constructor throws: clean up here.
void ServerProcess::abandon_start() {
  if (pid_ > 0) stop(SIGKILL);
  std::error_code ec;
  if (owns_data_dir_) std::filesystem::remove_all(data_dir_, ec);
}

ServerProcess::~ServerProcess() {
  if (pid_ > 0) stop(SIGKILL);
  std::error_code ec;
  if (owns_data_dir_) std::filesystem::remove_all(data_dir_, ec);
}

std::string ServerProcess::log() const { return read_text_file(log_file_); }

bool ServerProcess::running() {
  if (pid_ <= 0) return false;
  int status = 0;
  const pid_t done = ::waitpid(pid_, &status, WNOHANG);
  if (done == pid_) {
    reaped(exit_code_of(status));
    return false;
  }
  return true;
}

int ServerProcess::stop(int signal_number) {
  if (pid_ <= 0) return exit_code_.value_or(-1);
  ::kill(pid_, signal_number);
  reaped(wait_exit(pid_));
  return *exit_code_;
}

void ServerProcess::reaped(int exit_code) {
  exit_code_ = exit_code;
  pid_ = -1;
  keep_server_log(log_file_);
}

void ServerProcess::send_signal(int signal_number) {
  if (pid_ > 0) ::kill(pid_, signal_number);
}

std::optional<int> ServerProcess::wait_for_exit(std::chrono::milliseconds timeout) {
  const auto give_up = std::chrono::steady_clock::now() + timeout;
  while (running()) {
    if (std::chrono::steady_clock::now() >= give_up) return std::nullopt;
    std::this_thread::sleep_for(std::chrono::milliseconds(10));
  }
  return exit_code_;
}

CommandResult run_binary(const std::vector<std::string>& args, const std::map<std::string, std::string>& env) {
  const auto dir = make_temp_dir();
  const auto output = dir / "output.txt";
  const int pid = spawn(args, env, output);
  CommandResult result{wait_exit(pid), read_text_file(output)};
  std::filesystem::remove_all(dir);
  return result;
}

HttpResult HttpClient::request(http::verb method, const std::string& target, const std::string& body,
                               const Headers& headers) const {
  asio::io_context io;
  beast::tcp_stream stream(io);
  stream.expires_after(std::chrono::seconds(30));
  stream.connect(tcp::endpoint(asio::ip::make_address("127.0.0.1"), port_));
  http::request<http::string_body> request{method, target, 11};
  request.set(http::field::host, "127.0.0.1:" + std::to_string(port_));
  for (const auto& [name, value] : headers) request.insert(name, value);
  if (!body.empty() || method == http::verb::post || method == http::verb::put || method == http::verb::patch) {
    request.body() = body;
    request.prepare_payload();
  }
  http::write(stream, request);
  beast::flat_buffer buffer;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  if (method == http::verb::head) parser.skip(true);
  http::read(stream, buffer, parser);
  HttpResult result = to_result(parser.get());
  beast::error_code ec;
  stream.socket().shutdown(tcp::socket::shutdown_both, ec);
  witness_request(headers, body);
  witness_answer(result);
  return result;
}

HttpResult HttpClient::get(const std::string& target, const std::string& token) const {
  Headers headers;
  if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
  return request(http::verb::get, target, {}, headers);
}

HttpResult HttpClient::post(const std::string& target, const std::string& json, const std::string& token) const {
  Headers headers{{"Content-Type", "application/json"}};
  if (!token.empty()) headers.emplace_back("Authorization", "Bearer " + token);
  return request(http::verb::post, target, json, headers);
}

std::string HttpClient::raw(const std::string& bytes) const {
  RawConnection connection(port_);
  connection.send(bytes);
  return connection.read_until_close(std::chrono::seconds(5));
}

RawConnection::RawConnection(std::uint16_t port) : fd_(connect_loopback(port)) {
  if (fd_ < 0) throw std::runtime_error("cannot connect to port " + std::to_string(port) + ": " + std::strerror(errno));
}

RawConnection::~RawConnection() { close(); }

void RawConnection::close() {
  if (fd_ >= 0) ::close(fd_);
  fd_ = -1;
}

bool RawConnection::send(std::string_view bytes) {
  witness_raw_request(bytes);
  while (!bytes.empty()) {
    const ssize_t n = ::send(fd_, bytes.data(), bytes.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    bytes.remove_prefix(static_cast<std::size_t>(n));
  }
  return true;
}

bool RawConnection::fill(std::chrono::steady_clock::time_point deadline) {
  if (fd_ < 0 || closed_by_peer_) return false;
  while (true) {
    const auto left = std::chrono::duration_cast<std::chrono::milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left.count() <= 0) return false;
    pollfd ready{fd_, POLLIN, 0};
    const int polled = ::poll(&ready, 1, static_cast<int>(left.count()));
    if (polled < 0 && errno == EINTR) continue;
    if (polled <= 0) return false;
    char chunk[4096];
    const ssize_t n = ::recv(fd_, chunk, sizeof chunk, 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      closed_by_peer_ = true;  // an orderly close, or a reset
      return false;
    }
    pending_.append(chunk, static_cast<std::size_t>(n));
    return true;
  }
}

HttpResult RawConnection::read_response(std::chrono::milliseconds timeout, bool head_request) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  http::response_parser<http::string_body> parser;
  parser.body_limit(64 * 1024 * 1024);
  parser.eager(true);
  if (head_request) parser.skip(true);
  while (!parser.is_done()) {
    if (!pending_.empty()) {
      beast::error_code ec;
      const std::size_t used = parser.put(asio::buffer(pending_.data(), pending_.size()), ec);
      pending_.erase(0, used);
      if (ec && ec != http::error::need_more) throw std::runtime_error("invalid HTTP response: " + ec.message());
      if (parser.is_done()) break;
      if (used > 0 && !ec) continue;
    }
    if (!fill(deadline)) {
      if (closed_by_peer_) {
        beast::error_code ec;
        parser.put_eof(ec);
        if (!ec && parser.is_done()) break;
        throw std::runtime_error("the server closed the connection before a complete response");
      }
      throw std::runtime_error("no complete response within the timeout");
    }
  }
  HttpResult result = to_result(parser.get());
  witness_answer(result);
  return result;
}

std::string RawConnection::read_until_close(std::chrono::milliseconds timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (fill(deadline)) {
  }
  return std::exchange(pending_, std::string{});
}

std::string json_text(const boost::json::value& value, std::string_view pointer) {
  boost::system::error_code ec;
  const auto* found = value.find_pointer(pointer, ec);
  return (found != nullptr && found->is_string()) ? std::string(found->as_string()) : std::string{};
}

std::vector<std::string> detail_fields(const HttpResult& result) {
  std::vector<std::string> fields;
  boost::system::error_code ec;
  const auto value = boost::json::parse(result.body, ec);
  if (ec || !value.is_object()) return fields;
  const auto* details = value.as_object().if_contains("error");
  if (details == nullptr || !details->is_object()) return fields;
  details = details->as_object().if_contains("details");
  if (details == nullptr || !details->is_array()) return fields;
  for (const auto& entry : details->as_array()) {
    const auto* field = entry.is_object() ? entry.as_object().if_contains("field") : nullptr;
    if (field != nullptr && field->is_string()) fields.emplace_back(field->as_string());
  }
  return fields;
}

std::vector<boost::json::object> request_lines(const std::string& log) {
  std::vector<boost::json::object> lines;
  std::istringstream text(log);
  for (std::string line; std::getline(text, line);) {
    boost::system::error_code ec;
    auto value = boost::json::parse(line, ec);
    if (ec || !value.is_object()) continue;
    const auto* msg = value.as_object().if_contains("msg");
    if (msg != nullptr && *msg == "request") lines.push_back(std::move(value.as_object()));
  }
  return lines;
}

std::vector<std::string> leaked_secrets(const std::string& text, const std::vector<std::string>& secrets) {
  std::vector<std::string> leaked;
  for (const auto& secret : secrets) {
    if (!secret.empty() && text.find(secret) != std::string::npos) leaked.push_back(secret);
  }
  return leaked;
}

HttpResult register_account(const HttpClient& client, const std::string& email, const std::string& password,
                            const std::string& role) {
  boost::json::object body{{"email", email}, {"password", password}, {"name", "Test Person"}, {"role", role}};
  if (role == "hotelier") {
    body["hotel"] = boost::json::object{{"name", "Hotel Test"},
                                        {"city", "Dublin"},
                                        {"country", "Ireland"},
                                        {"timezone", "Europe/Dublin"},
                                        {"description", "A test hotel"}};
  }
  return client.post("/api/v1/auth/register", boost::json::serialize(body));
}

HttpResult login(const HttpClient& client, const std::string& email, const std::string& password) {
  return client.post("/api/v1/auth/login",
                     boost::json::serialize(boost::json::object{{"email", email}, {"password", password}}));
}

std::string sign_up(const HttpClient& client, const std::string& email, const std::string& role) {
  const auto registered = register_account(client, email, std::string(kTestPassword), role);
  EXPECT_EQ(registered.status, 201u) << registered.body;
  const auto session = login(client, email, std::string(kTestPassword));
  EXPECT_EQ(session.status, 200u) << session.body;
  return session.status == 200 ? json_text(session.json(), "/access_token") : std::string{};
}

std::uint64_t env_count(const char* name, std::uint64_t fallback) {
  const char* text = std::getenv(name);
  if (text == nullptr || *text == '\0') return fallback;
  std::uint64_t value = 0;
  const std::string_view digits(text);
  const auto [end, ec] = std::from_chars(digits.data(), digits.data() + digits.size(), value);
  if (ec != std::errc{} || end != digits.data() + digits.size() || value == 0) {
    throw std::invalid_argument(std::string(name) + " must be a positive whole number, not '" + text + "'");
  }
  return value;
}

std::string shell_output(const std::string& command) {
  FILE* pipe = ::popen(command.c_str(), "r");
  if (pipe == nullptr) return "<popen failed>";
  std::string out;
  std::array<char, 4096> chunk{};
  std::size_t got = 0;
  while ((got = std::fread(chunk.data(), 1, chunk.size(), pipe)) > 0) out.append(chunk.data(), got);
  ::pclose(pipe);
  while (!out.empty() && (out.back() == '\n' || out.back() == '\r' || out.back() == ' ')) out.pop_back();
  return out;
}

std::string token_key_hex(const ServerProcess& server) {
  std::ifstream in(server.data_dir() / "secrets" / "jwt.key");
  std::string hex;
  in >> hex;
  return hex;
}

bool contains(const std::vector<std::string>& items, std::string_view item) {
  return std::find(items.begin(), items.end(), item) != items.end();
}

std::string joined(const std::vector<std::string>& items) {
  std::string out;
  for (const auto& item : items) out += (out.empty() ? "" : ", ") + item;
  return out;
}

}  // namespace hc::test
