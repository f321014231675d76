#include "storage/postgres/connection.hpp"

#include <boost/url/parse.hpp>
#include <libpq-fe.h>
#include <poll.h>

#include <algorithm>
#include <cerrno>
#include <charconv>
#include <limits>
#include <stdexcept>
#include <vector>

#include "storage/postgres/error.hpp"

namespace hc::postgres {
namespace {

using std::chrono::milliseconds;

// How much longer than statement_timeout the client waits for an answer: by then the server has cancelled the
// statement itself, so silence means the network or the server is gone.
constexpr milliseconds kClientGrace{2'000};
// The most parameters the protocol can carry in one statement.
constexpr std::size_t kMaxParams = 65'535;
constexpr std::string_view kRedacted = "***";

std::string trimmed(std::string_view message) {
  const auto end = message.find_last_not_of(" \n");
  return std::string(message.substr(0, end == std::string_view::npos ? 0 : end + 1));
}

std::string percent_decoded(std::string_view text) {
  std::string out;
  for (std::size_t i = 0; i < text.size(); ++i) {
    unsigned char byte = 0;
    if (text[i] == '%' && i + 2 < text.size() &&
        std::from_chars(text.data() + i + 1, text.data() + i + 3, byte, 16).ptr == text.data() + i + 3) {
      out += static_cast<char>(byte);
      i += 2;
    } else {
      out += text[i];
    }
  }
  return out;
}

// Every spelling of the password the URL may hold: what libpq parsed (from the user info or ?password=), and the
// raw and decoded text of both places, for a URL that libpq could not parse and quotes in its complaint.
std::vector<std::string> passwords_in(const std::string& url) {
  std::vector<std::string> secrets;
  const auto add = [&secrets](std::string_view raw) {
    if (raw.empty()) return;
    secrets.emplace_back(raw);
    secrets.push_back(percent_decoded(raw));
  };
  char* parse_error = nullptr;
  if (PQconninfoOption* parsed = PQconninfoParse(url.c_str(), &parse_error)) {
    for (const PQconninfoOption* option = parsed; option->keyword != nullptr; ++option) {
      if (std::string_view(option->keyword) == "password" && option->val != nullptr) add(option->val);
    }
    PQconninfoFree(parsed);
  }
  PQfreemem(parse_error);
  const std::string_view text(url);
  const auto authority_begin = text.find("://") + 3;  // the caller checked the scheme
  const std::string_view authority =
      text.substr(authority_begin, text.find_first_of("/?#", authority_begin) - authority_begin);
  const auto at = authority.rfind('@');
  const auto colon = authority.substr(0, at == std::string_view::npos ? 0 : at).find(':');
  if (colon != std::string_view::npos) add(authority.substr(colon + 1, at - colon - 1));
  const auto query = text.find('?');
  constexpr std::string_view kKey = "password=";
  for (auto key = text.find(kKey, query); query != std::string_view::npos && key != std::string_view::npos;
       key = text.find(kKey, key + 1)) {
    const auto value = key + kKey.size();
    add(text.substr(value, text.find('&', value) - value));
  }
  return secrets;
}

std::string without_secrets(std::string message, const std::vector<std::string>& secrets) {
  for (const std::string& secret : secrets) {
    for (auto found = message.find(secret); found != std::string::npos;
         found = message.find(secret, found + kRedacted.size())) {
      message.replace(found, secret.size(), kRedacted);
    }
  }
  return message;
}

// " as user@host:port/database", from what libpq made of the URL, or nothing if it could not read the URL.
std::string target_of(const PGconn* conn) {
  const auto part = [](const char* value) { return std::string(value != nullptr ? value : ""); };
  if (part(PQhost(conn)).empty()) return {};
  return " as " + part(PQuser(conn)) + "@" + part(PQhost(conn)) + ":" + part(PQport(conn)) + "/" + part(PQdb(conn));
}

bool succeeded(const PGresult* result) {
  const ExecStatusType status = PQresultStatus(result);
  return status == PGRES_COMMAND_OK || status == PGRES_TUPLES_OK || status == PGRES_EMPTY_QUERY;
}

// Notices ("table already exists, skipping") are meant for a person at a psql prompt; libpq would print them on
// standard error.
void ignore_notice(void*, const char*) {}

}  // namespace

void Connection::Finisher::operator()(pg_conn* conn) const noexcept { PQfinish(conn); }

Connection::Connection(const ConnectionOptions& options) : call_timeout_(options.statement_timeout + kClientGrace) {
  if (!options.url.starts_with("postgresql://") && !options.url.starts_with("postgres://")) {
    throw std::invalid_argument("the PostgreSQL URL must start with postgresql://");
  }
  // libpq reads a password holding '/' or '@' as host, port and database, and would quote its pieces in an
  // error; such a URL is refused without being quoted.
  const auto parsed = boost::urls::parse_uri(options.url);
  if (!parsed || parsed->encoded_path().find('@') != std::string_view::npos) {
    throw Error(ErrorKind::connection,
                "the PostgreSQL URL cannot be read: percent-encode '/', '@', ':' and '#' in the user name and "
                "password (%2F, %40, %3A, %23)");
  }
  if (options.statement_timeout <= milliseconds::zero() || options.connect_timeout <= std::chrono::seconds::zero()) {
    throw std::invalid_argument("ConnectionOptions: the connect and statement timeouts must be positive");
  }
  const std::string connect_timeout = std::to_string(options.connect_timeout.count());
  const std::string server_options = "-c statement_timeout=" + std::to_string(options.statement_timeout.count());
  // Bounds a send the server does not acknowledge, which the deadline of wait_for_answer cannot reach.
  const std::string tcp_user_timeout = std::to_string(call_timeout_.count());
  // With expand_dbname the URL in "dbname" is taken apart first; the settings after it override its own.
  const std::array<const char*, 6> keywords{"dbname",           "connect_timeout",           "options",
                                            "tcp_user_timeout", "fallback_application_name", nullptr};
  const std::array<const char*, 6> values{options.url.c_str(),      connect_timeout.c_str(), server_options.c_str(),
                                          tcp_user_timeout.c_str(), "hotelcoupon",           nullptr};
  conn_.reset(PQconnectdbParams(keywords.data(), values.data(), 1));
  if (!conn_) throw Error(ErrorKind::connection, "connect to PostgreSQL: out of memory");
  if (PQstatus(conn_.get()) != CONNECTION_OK) {
    throw Error(ErrorKind::connection, without_secrets("connect to PostgreSQL" + target_of(conn_.get()) + ": " +
                                                           trimmed(PQerrorMessage(conn_.get())),
                                                       passwords_in(options.url)));
  }
  PQsetNoticeProcessor(conn_.get(), ignore_notice, nullptr);
}

Result Connection::exec_params(std::string_view sql, std::span<const Param> params) {
  check_open("query");
  if (params.size() > kMaxParams) {
    throw Error(ErrorKind::other, "query: " + std::to_string(params.size()) + " parameters, the most is 65535");
  }
  std::vector<const char*> values;
  values.reserve(params.size());
  for (std::size_t i = 0; i < params.size(); ++i) {
    if (params[i] && params[i]->find('\0') != std::string::npos) {
      throw Error(ErrorKind::other, "query: parameter $" + std::to_string(i + 1) +
                                        " contains a NUL character, which PostgreSQL text cannot hold");
    }
    values.push_back(params[i] ? params[i]->c_str() : nullptr);
  }
  const std::string text(sql);
  if (PQsendQueryParams(conn_.get(), text.c_str(), static_cast<int>(params.size()), nullptr, values.data(), nullptr,
                        nullptr, 0) == 0) {
    throw Error(ErrorKind::connection, "query: " + trimmed(PQerrorMessage(conn_.get())));
  }
  return collect_results("query");
}

void Connection::exec_script(std::string_view sql) {
  check_open("script");
  const std::string text(sql);
  if (PQsendQuery(conn_.get(), text.c_str()) == 0) {
    throw Error(ErrorKind::connection, "script: " + trimmed(PQerrorMessage(conn_.get())));
  }
  collect_results("script");
}

// Reads every result of the statement(s) sent, so that the connection is ready for the next one even after an
// error, and throws the first error.
Result Connection::collect_results(std::string_view operation) {
  std::optional<Result> last;
  std::optional<Error> failure;
  const auto deadline = std::chrono::steady_clock::now() + call_timeout_;  // one for the whole call
  while (true) {
    wait_for_answer(operation, deadline);
    PGresult* result = PQgetResult(conn_.get());
    if (result == nullptr) break;
    if (succeeded(result)) {
      last.emplace(result);
      continue;
    }
    if (!failure) {
      const char* sqlstate = PQresultErrorField(result, PG_DIAG_SQLSTATE);
      const char* primary = PQresultErrorField(result, PG_DIAG_MESSAGE_PRIMARY);
      const std::string state = sqlstate != nullptr ? sqlstate : "";
      std::string message = std::string(operation) + ": " +
                            (primary != nullptr ? std::string(primary) : trimmed(PQresultErrorMessage(result)));
      if (!state.empty()) message += " (SQLSTATE " + state + ")";
      failure.emplace(lost() ? ErrorKind::connection : error_kind(state), message, state);
    }
    PQclear(result);
  }
  if (failure) throw_error(*failure);
  if (lost()) throw Error(ErrorKind::connection, std::string(operation) + ": the connection was lost");
  if (!last) throw Error(ErrorKind::other, std::string(operation) + ": the server sent no result");
  return std::move(*last);
}

void Connection::wait_for_answer(std::string_view operation, std::chrono::steady_clock::time_point deadline) {
  while (PQisBusy(conn_.get()) == 1) {
    const auto left = std::chrono::ceil<milliseconds>(deadline - std::chrono::steady_clock::now());
    if (left <= milliseconds::zero()) {
      conn_.reset();  // the statement's state is unknown: the connection cannot be trusted again
      throw Error(ErrorKind::timeout, std::string(operation) + ": no answer from the server within " +
                                          std::to_string(call_timeout_.count()) + " ms; the connection was closed");
    }
    pollfd socket{PQsocket(conn_.get()), POLLIN, 0};
    const auto wait = static_cast<int>(std::min<milliseconds::rep>(left.count(), std::numeric_limits<int>::max()));
    const int ready = ::poll(&socket, 1, wait);
    // Each failure below leaves the command's answer unread: the connection is closed, never reused.
    if (ready < 0 && errno != EINTR) {
      const int error = errno;
      conn_.reset();
      throw Error(ErrorKind::connection,
                  std::string(operation) + ": poll failed (errno " + std::to_string(error) + ")");
    }
    if (ready > 0 && PQconsumeInput(conn_.get()) == 0) {
      std::string message = std::string(operation) + ": " + trimmed(PQerrorMessage(conn_.get()));
      conn_.reset();
      throw Error(ErrorKind::connection, std::move(message));
    }
  }
}

void Connection::check_open(std::string_view operation) const {
  if (is_broken()) {
    throw Error(ErrorKind::connection, std::string(operation) + ": the connection was lost earlier");
  }
}

bool Connection::in_transaction() const noexcept {
  if (!conn_) return false;
  const PGTransactionStatusType status = PQtransactionStatus(conn_.get());
  return status == PQTRANS_INTRANS || status == PQTRANS_INERROR;
}

bool Connection::in_failed_transaction() const noexcept {
  return conn_ && PQtransactionStatus(conn_.get()) == PQTRANS_INERROR;
}

bool Connection::lost() const noexcept { return !conn_ || PQstatus(conn_.get()) != CONNECTION_OK; }

bool Connection::is_broken() const noexcept {
  if (lost()) return true;
  // A command whose answer was never read (an exception mid-call) would make every later command fail.
  const PGTransactionStatusType status = PQtransactionStatus(conn_.get());
  return status == PQTRANS_ACTIVE || status == PQTRANS_UNKNOWN;
}

void Connection::notice_if_ended() noexcept {
  if (lost()) return;
  // What a server sends an idle connection is almost always its last word (the FATAL before it hangs up, whose
  // EOF libpq may not have read yet); the rare harmless message (a changed setting) only costs a reconnect.
  pollfd socket{PQsocket(conn_.get()), POLLIN, 0};
  if (::poll(&socket, 1, 0) > 0) conn_.reset();
}

int Connection::backend_pid() const noexcept { return conn_ ? PQbackendPID(conn_.get()) : 0; }

namespace {

constexpr std::array<std::string_view, 3> kBegin{"BEGIN ISOLATION LEVEL READ COMMITTED",
                                                 "BEGIN ISOLATION LEVEL REPEATABLE READ",
                                                 "BEGIN ISOLATION LEVEL SERIALIZABLE"};

}  // namespace

Transaction::Transaction(Connection& connection, Isolation isolation) : connection_(&connection) {
  // PostgreSQL only warns about a second BEGIN, and the inner commit would then commit the outer transaction.
  if (connection.in_transaction()) throw std::logic_error("Transaction: the connection is already in a transaction");
  connection.exec(kBegin.at(static_cast<std::size_t>(isolation)));
}

Transaction::~Transaction() {
  if (committed_ || !connection_->in_transaction()) return;
  try {
    connection_->exec("ROLLBACK");
  } catch (...) {  // NOLINT(bugprone-empty-catch): a lost connection has rolled back on the server already
  }
}

void Transaction::commit() {
  if (committed_) throw std::logic_error("Transaction::commit: already committed");
  // The server answers COMMIT of a failed transaction with a rollback, not an error.
  if (connection_->in_failed_transaction()) {
    throw Error(ErrorKind::other, "commit: a statement of the transaction failed, so it was rolled back");
  }
  connection_->exec("COMMIT");
  committed_ = true;
}

}  // namespace hc::postgres
