#pragma once
// Black-box test harness: starts the real `hotelcoupon` binary on a free port with its own data folder and
// speaks HTTP to it like any client.
#include "child_process.hpp"
#include "temp_dir.hpp"

#include <boost/beast/http/verb.hpp>
#include <boost/json/object.hpp>
#include <boost/json/value.hpp>

#include <chrono>
#include <cstdint>
#include <filesystem>
#include <map>
#include <optional>
#include <string>
#include <string_view>
#include <system_error>
#include <thread>
#include <utility>
#include <vector>

namespace hc::test {

using Headers = std::vector<std::pair<std::string, std::string>>;

struct HttpResult {
  unsigned status = 0;
  Headers headers;  // names as sent by the server
  std::string body;

  //! The first value of a header (case-insensitive name), or "".
  [[nodiscard]] std::string header(std::string_view name) const;
  //! Every value of a header (Set-Cookie may repeat).
  [[nodiscard]] std::vector<std::string> all(std::string_view name) const;
  //! The body parsed as JSON (throws if it is not JSON).
  [[nodiscard]] boost::json::value json() const;
  //! The error body's `error.code`, or "".
  [[nodiscard]] std::string error_code() const;
};

struct CommandResult {
  int exit_code = -1;
  std::string output;  // stdout and stderr together
};

//! A data folder the caller prepared (e.g. with `seed-demo`) and keeps: the server uses it and leaves it in place.
struct ExistingDataDir {
  std::filesystem::path path;
};

class ServerProcess {
 public:
  //! Starts `hotelcoupon serve` on 127.0.0.1:0 with a fresh data folder; extra flags and HC_* variables added
  //! (an --io-threads or --worker-threads among the flags replaces the default of 2 or 4).
  explicit ServerProcess(std::vector<std::string> extra_args = {}, std::map<std::string, std::string> env = {});
  //! Asks for `hotelcoupon worker` instead of `serve`.
  struct Worker {};
  //! Starts `hotelcoupon worker` with a fresh data folder and these flags; it serves no HTTP (port() is 0).
  ServerProcess(Worker, std::vector<std::string> extra_args);
  //! Starts `hotelcoupon serve` on 127.0.0.1:0 with the caller's data folder (not removed afterwards).
  explicit ServerProcess(ExistingDataDir data_dir, std::vector<std::string> extra_args = {},
                         std::map<std::string, std::string> env = {});
  ~ServerProcess();
  ServerProcess(const ServerProcess&) = delete;
  ServerProcess& operator=(const ServerProcess&) = delete;

  [[nodiscard]] std::uint16_t port() const { return port_; }
  //! The server's process id (-1 once it has exited), e.g. to read its memory in /proc.
  [[nodiscard]] int pid() const { return pid_; }
  [[nodiscard]] const std::filesystem::path& data_dir() const { return data_dir_; }
  //! Everything the server has logged so far.
  [[nodiscard]] std::string log() const;
  //! Sends a signal and waits for the exit; returns the exit code (or 128 + signal if killed).
  int stop(int signal_number);
  //! Sends a signal without waiting.
  void send_signal(int signal_number);
  //! Waits up to timeout for the process to exit; its exit code (or 128 + signal), or nullopt if it still runs.
  std::optional<int> wait_for_exit(std::chrono::milliseconds timeout);
  //! True while the process runs.
  [[nodiscard]] bool running();

 private:
  void start(std::vector<std::string> extra_args, const std::map<std::string, std::string>& env);
  void abandon_start();
  //! Notes that the process has ended, and keeps its log for the check after the suite.
  void reaped(int exit_code);

  std::filesystem::path data_dir_;
  std::filesystem::path log_file_;
  bool owns_data_dir_ = true;
  bool worker_ = false;
  int pid_ = -1;
  std::optional<int> exit_code_;
  std::uint16_t port_ = 0;
};

//! Runs the binary to completion with the given arguments and HC_* variables (no others are inherited).
CommandResult run_binary(const std::vector<std::string>& args, const std::map<std::string, std::string>& env = {});

class HttpClient {
 public:
  explicit HttpClient(std::uint16_t port) : port_(port) {}

  //! The port it talks to: the server's, or a proxy's in front of it.
  [[nodiscard]] std::uint16_t port() const { return port_; }
  //! One request on a fresh connection.
  HttpResult request(boost::beast::http::verb method, const std::string& target, const std::string& body = {},
                     const Headers& headers = {}) const;
  HttpResult get(const std::string& target, const std::string& token = {}) const;
  //! POST with a JSON body (Content-Type application/json) and an optional bearer token.
  HttpResult post(const std::string& target, const std::string& json, const std::string& token = {}) const;
  //! Writes raw bytes on a fresh connection and returns everything read until the server closes or 5 s pass.
  std::string raw(const std::string& bytes) const;

 private:
  std::uint16_t port_;
};

//! One client connection that stays open for as long as the test wants: keep-alive, pipelining, slow
//! clients, connection limits. Every read has a deadline, so a misbehaving server cannot hang a test.
class RawConnection {
 public:
  //! Connects to 127.0.0.1:port; throws std::runtime_error if the connection is refused.
  explicit RawConnection(std::uint16_t port);
  ~RawConnection();
  RawConnection(const RawConnection&) = delete;
  RawConnection& operator=(const RawConnection&) = delete;

  //! Writes all bytes; false if the server has closed or reset the connection.
  bool send(std::string_view bytes);
  //! Reads exactly one response (a 1xx interim response counts as one); throws std::runtime_error when the
  //! server closes first or the timeout passes. Bytes after it stay buffered for the next read.
  HttpResult read_response(std::chrono::milliseconds timeout = std::chrono::seconds(5), bool head_request = false);
  //! Everything (buffered and new) until the server closes the connection or the timeout passes.
  std::string read_until_close(std::chrono::milliseconds timeout = std::chrono::seconds(5));
  //! True once a read saw the server close (or reset) the connection.
  [[nodiscard]] bool closed_by_peer() const { return closed_by_peer_; }
  void close();

 private:
  //! Reads more bytes into pending_; false on timeout or when the server closed.
  bool fill(std::chrono::steady_clock::time_point deadline);

  int fd_ = -1;
  std::string pending_;
  bool closed_by_peer_ = false;
};

//! The string at a JSON pointer such as "/user/email", or "" when it is missing or not a string.
std::string json_text(const boost::json::value& value, std::string_view pointer);

//! The `field` of each entry of an error body's `error.details`.
std::vector<std::string> detail_fields(const HttpResult& result);

//! The request lines of a server log (`"msg":"request"`: request_id, method, path, route, status, client), parsed.
std::vector<boost::json::object> request_lines(const std::string& log);

//! Which of the secrets (passwords, tokens) occur in text, e.g. in a server log.
std::vector<std::string> leaked_secrets(const std::string& text, const std::vector<std::string>& secrets);

//! The password of every account the tests register.
inline constexpr std::string_view kTestPassword = "correct-horse-battery";

//! What a shell command prints on stdout (stderr is the caller's to redirect), trailing whitespace removed.
std::string shell_output(const std::string& command);

//! Asks done() at once and then every `step` until it says yes or `timeout` has passed (it is asked once more
//! after the last step); returns its last answer. For what the server does in the background.
template <class F>
bool eventually(std::chrono::milliseconds timeout, std::chrono::milliseconds step, F done) {
  const auto give_up = std::chrono::steady_clock::now() + timeout;
  while (!done()) {
    if (std::chrono::steady_clock::now() >= give_up) return false;
    std::this_thread::sleep_for(step);
  }
  return true;
}

//! A size or count from the test's environment (a soak run sets larger ones), or `fallback` when the variable is
//! unset; throws std::invalid_argument if it is set but not a positive whole number.
std::uint64_t env_count(const char* name, std::uint64_t fallback);

//! The token key the server keeps in its data folder, as the hex line written there ("" if there is none).
std::string token_key_hex(const ServerProcess& server);

//! True if the list contains the item.
bool contains(const std::vector<std::string>& items, std::string_view item);
//! "a, b, c" for messages.
std::string joined(const std::vector<std::string>& items);

//! Registers a traveller (or a hotelier with a hotel) and returns the response.
HttpResult register_account(const HttpClient& client, const std::string& email, const std::string& password,
                            const std::string& role = "user");
//! Signs in and returns the response (access_token, refresh_token, user).
HttpResult login(const HttpClient& client, const std::string& email, const std::string& password);
//! Registers an account ("user" or "hotelier") with kTestPassword and signs in: the access token, or "" after a
//! failure the test has recorded.
std::string sign_up(const HttpClient& client, const std::string& email, const std::string& role = "user");

}  // namespace hc::test
