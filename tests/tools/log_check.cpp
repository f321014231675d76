// The log check after the whole test suite (issue 10, log hygiene): reads what the suite kept under HC_TEST_LOGS
// (tests/support/suite_logs.hpp) and fails when
//   - a server log holds a secret the tests saw go over the wire (a password, access or refresh token, bearer
//     token or coupon code), one of the --secret texts given, anything shaped like an access token (a JWT), or
//     anything shaped like a full coupon code outside the request path a client chose;
//   - a refusal (401, 403, 429) a test was given is not in any log as a request line with that status, its
//     route, the client's address and its request id; or such a request line lacks one of them.
//
// Usage: log_check <folder> [--secret TEXT]...
#include <boost/json.hpp>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <sstream>
#include <string>
#include <string_view>
#include <unordered_map>
#include <unordered_set>
#include <vector>

namespace {

namespace fs = std::filesystem;

// Shorter texts (a test's "Bearer x", a refused short password) say nothing about a leak and would match by chance.
constexpr std::size_t kShortestSecret = 10;
constexpr std::size_t kShownProblems = 20;

std::string read_file(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream out;
  out << in.rdbuf();
  return out.str();
}

bool is_base64url(char c) {
  return (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
}

// "eyJ…" then base64url then '.' then "eyJ…": the header and claims of a signed token.
bool has_jwt_shape(std::string_view text) {
  for (std::size_t at = text.find("eyJ"); at != std::string_view::npos; at = text.find("eyJ", at + 3)) {
    std::size_t end = at + 3;
    while (end < text.size() && is_base64url(text[end])) ++end;
    if (end - at >= 12 && end < text.size() && text[end] == '.' && text.substr(end + 1, 3) == "eyJ") return true;
  }
  return false;
}

bool is_code_symbol(char c) { return (c >= '0' && c <= '9') || (c >= 'A' && c <= 'Z'); }

// XXXX-XXXX-XXXX of capitals and digits, not part of a longer word.
bool has_code_shape(std::string_view text) {
  for (std::size_t at = 0; at + 14 <= text.size(); ++at) {
    if (at > 0 && (is_code_symbol(text[at - 1]) || text[at - 1] == '-')) continue;
    const std::string_view candidate = text.substr(at, 14);
    bool shaped = true;
    for (std::size_t i = 0; i < 14 && shaped; ++i) {
      shaped = (i == 4 || i == 9) ? candidate[i] == '-' : is_code_symbol(candidate[i]);
    }
    const bool word_ends = at + 14 == text.size() || !(is_code_symbol(text[at + 14]) || text[at + 14] == '-');
    if (shaped && word_ends) return true;
  }
  return false;
}

// The secrets to look for, indexed by their first four bytes: a log is read once, with a cheap test per byte.
class SecretSet {
 public:
  void add(const std::string& secret) {
    if (secret.size() < kShortestSecret) {
      ++too_short_;
      return;
    }
    if (has_jwt_shape(secret)) {
      // A whole token in a log is a finding by its shape; its claims or its signature alone are sought as they are
      // (the header is the same in every token, so it is not).
      ++tokens_;
      const auto claims = secret.find('.') + 1;
      const auto signature = secret.find('.', claims);
      if (signature != std::string::npos) {
        store(secret.substr(claims, signature - claims));
        store(secret.substr(signature + 1));
      }
      return;
    }
    store(secret);
    // The log writes JSON: a quote, a backslash or a control character in a secret appears escaped.
    const std::string escaped = boost::json::serialize(boost::json::string(secret));
    if (escaped.size() != secret.size() + 2) store(escaped.substr(1, escaped.size() - 2));
  }
  //! Builds the index; add() must not be called after.
  void seal() {
    for (const auto& secret : stored_) {
      const auto key = prefix(secret.data());
      first_two_[key & 0xffffu] = true;
      by_prefix_[key].push_back(secret);
    }
  }
  //! The first secret inside text, or "".
  [[nodiscard]] std::string_view find_in(std::string_view text) const {
    for (std::size_t at = 0; at + 4 <= text.size(); ++at) {
      const auto key = prefix(text.data() + at);
      if (!first_two_[key & 0xffffu]) continue;
      const auto candidates = by_prefix_.find(key);
      if (candidates == by_prefix_.end()) continue;
      for (const std::string_view secret : candidates->second) {
        if (text.substr(at, secret.size()) == secret) return secret;
      }
    }
    return {};
  }
  [[nodiscard]] std::size_t size() const { return stored_.size(); }
  [[nodiscard]] std::size_t tokens() const { return tokens_; }
  [[nodiscard]] std::size_t too_short() const { return too_short_; }

 private:
  void store(std::string text) {
    if (text.size() >= kShortestSecret) stored_.insert(std::move(text));
  }

  static std::uint32_t prefix(const char* bytes) {
    std::uint32_t key = 0;
    std::memcpy(&key, bytes, sizeof key);
    return key;
  }

  std::unordered_set<std::string> stored_;  // owns the texts the index points into (complete before seal)
  std::vector<bool> first_two_ = std::vector<bool>(1u << 16);
  std::unordered_map<std::uint32_t, std::vector<std::string_view>> by_prefix_;
  std::size_t too_short_ = 0;
  std::size_t tokens_ = 0;
};

struct LoggedRequest {
  unsigned status = 0;
  bool has_route = false;
  bool has_client = false;
};

bool non_empty_string(const boost::json::object& line, std::string_view key) {
  const auto* value = line.if_contains(key);
  return value != nullptr && value->is_string() && !value->as_string().empty();
}

// Every string in a log line except the path, which the client chose (a probe may put anything there).
void strings_of(const boost::json::value& value, std::string_view key, std::vector<std::string_view>& out) {
  if (const auto* text = value.if_string()) {
    if (key != "path") out.emplace_back(*text);
  } else if (const auto* object = value.if_object()) {
    for (const auto& [name, member] : *object) strings_of(member, name, out);
  } else if (const auto* array = value.if_array()) {
    for (const auto& element : *array) strings_of(element, key, out);
  }
}

class Check {
 public:
  explicit Check(SecretSet secrets) : secrets_(std::move(secrets)) {}

  void read_log(const fs::path& file) {
    ++logs_;
    const std::string text = read_file(file);
    bytes_ += text.size();
    std::size_t line_number = 0;
    for (std::size_t start = 0; start < text.size();) {
      std::size_t end = text.find('\n', start);
      if (end == std::string::npos) end = text.size();
      read_line(file, ++line_number, std::string_view(text).substr(start, end - start));
      start = end + 1;
    }
  }

  void expect_logged(unsigned status, const std::string& request_id) {
    ++refusals_;
    if (request_id.empty()) {
      problem("a " + std::to_string(status) + " answer had no X-Request-Id");
      return;
    }
    const auto logged = requests_.find(request_id);
    if (logged == requests_.end()) {
      problem("a " + std::to_string(status) + " (request " + request_id + ") is in no log");
    } else if (logged->second.status != status) {
      problem("request " + request_id + " was answered " + std::to_string(status) + " but logged as " +
              std::to_string(logged->second.status));
    }
  }

  int report() const {
    for (std::size_t i = 0; i < problems_.size() && i < kShownProblems; ++i) std::cout << "  " << problems_[i] << '\n';
    if (problems_.size() > kShownProblems) std::cout << "  ... and " << problems_.size() - kShownProblems << " more\n";
    std::cout << "log check: " << logs_ << " server logs (" << lines_ << " lines, " << bytes_ / (1024 * 1024)
              << " MiB); " << secrets_.size() << " secret texts sought, " << secrets_.tokens()
              << " tokens also by their shape (" << secrets_.too_short() << " texts under " << kShortestSecret
              << " characters not sought); " << refusals_ << " refusals seen, "
              << refused_lines_ << " logged: ";
    if (problems_.empty()) {
      std::cout << "no secret in any log, every refusal logged with route, client and request id\n";
      return 0;
    }
    std::cout << problems_.size() << " problems\n";
    return 1;
  }

 private:
  void read_line(const fs::path& file, std::size_t number, std::string_view line) {
    if (line.empty()) return;
    ++lines_;
    const std::string where = file.filename().string() + ":" + std::to_string(number);
    if (const auto secret = secrets_.find_in(line); !secret.empty()) {
      problem(where + ": holds a secret the tests used (" + std::string(secret.substr(0, 4)) + "…)");
    }
    if (has_jwt_shape(line)) problem(where + ": holds an access token");
    boost::system::error_code ec;
    const auto value = boost::json::parse(line, ec);
    if (ec || !value.is_object()) return;  // a line the server did not write (a sanitizer report, say)
    std::vector<std::string_view> strings;
    strings_of(value, {}, strings);
    if (std::any_of(strings.begin(), strings.end(), has_code_shape)) problem(where + ": holds a full coupon code");
    read_request_line(where, value.as_object());
  }

  void read_request_line(const std::string& where, const boost::json::object& line) {
    const auto* msg = line.if_contains("msg");
    const auto* status = line.if_contains("status");
    if (msg == nullptr || *msg != "request" || status == nullptr || !status->is_number()) return;
    const auto code = status->to_number<unsigned>();
    LoggedRequest logged{code, non_empty_string(line, "route"), non_empty_string(line, "client")};
    const bool has_id = non_empty_string(line, "request_id");
    if (code != 401 && code != 403 && code != 429) return;
    ++refused_lines_;
    if (!has_id || !logged.has_route || !logged.has_client) {
      problem(where + ": a " + std::to_string(code) + " logged without its route, client or request id");
    }
    if (has_id) requests_[std::string(line.at("request_id").as_string())] = logged;
  }

  void problem(std::string text) { problems_.push_back(std::move(text)); }

  SecretSet secrets_;
  std::unordered_map<std::string, LoggedRequest> requests_;  // the refusals logged, by request id
  std::vector<std::string> problems_;
  std::size_t logs_ = 0, lines_ = 0, bytes_ = 0, refusals_ = 0, refused_lines_ = 0;
};

}  // namespace

int main(int argc, char** argv) {
  if (argc < 2) {
    std::cerr << "usage: log_check <folder> [--secret TEXT]...\n";
    return 2;
  }
  const fs::path folder = argv[1];
  SecretSet secrets;
  for (int i = 2; i + 1 < argc; i += 2) {
    if (std::string_view(argv[i]) == "--secret") secrets.add(argv[i + 1]);
  }
  // What the tests saw: "secret <text>" and "refused <status> <request id>" lines.
  std::vector<std::pair<unsigned, std::string>> refusals;
  if (fs::exists(folder / "witness")) {
    for (const auto& entry : fs::directory_iterator(folder / "witness")) {
      std::ifstream in(entry.path());
      for (std::string line; std::getline(in, line);) {
        if (line.rfind("secret ", 0) == 0) {
          secrets.add(line.substr(7));
        } else if (line.rfind("refused ", 0) == 0) {
          std::istringstream fields(line.substr(8));
          unsigned status = 0;
          std::string id;
          fields >> status >> id;
          refusals.emplace_back(status, id);
        }
      }
    }
  }
  secrets.seal();
  Check check(std::move(secrets));
  if (!fs::exists(folder / "servers")) {
    std::cerr << "log_check: no server logs under " << (folder / "servers") << '\n';
    return 1;
  }
  std::vector<fs::path> logs;
  for (const auto& entry : fs::directory_iterator(folder / "servers")) logs.push_back(entry.path());
  std::sort(logs.begin(), logs.end());
  for (const auto& log : logs) check.read_log(log);
  for (const auto& [status, id] : refusals) check.expect_logged(status, id);
  return check.report();
}
