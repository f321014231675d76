#include "postgres_server.hpp"

#include "child_process.hpp"

#include <arpa/inet.h>
#include <fcntl.h>
#include <grp.h>
#include <gtest/gtest.h>
#include <libpq-fe.h>
#include <netinet/in.h>
#include <pwd.h>
#include <signal.h>
#include <sys/prctl.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <array>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <iostream>
#include <memory>
#include <mutex>
#include <optional>
#include <random>
#include <sstream>
#include <stdexcept>
#include <thread>
#include <vector>

namespace hc::test {
namespace {

namespace fs = std::filesystem;
using namespace std::chrono_literals;

constexpr auto kStartTimeout = 30s;
constexpr auto kStopTimeout = 10s;
constexpr int kStartAttempts = 3;  // another process may take the free port between our probe and the bind
constexpr std::string_view kInstallHint = "run scripts/install-deps --test";

// Who runs initdb and postgres: the current user, or `nobody` when that is root.
struct RunAs {
  std::optional<uid_t> uid;
  gid_t gid = 0;
};

RunAs unprivileged_user() {
  if (::geteuid() != 0) return {};
  passwd entry{};
  passwd* nobody = nullptr;
  std::array<char, 4096> buffer{};
  if (::getpwnam_r("nobody", &entry, buffer.data(), buffer.size(), &nobody) != 0 || nobody == nullptr) {
    throw std::runtime_error("PostgresServer: running as root and there is no user 'nobody'");
  }
  return {nobody->pw_uid, nobody->pw_gid};
}

std::string command_output(const std::string& command) {
  std::unique_ptr<FILE, int (*)(FILE*)> pipe(::popen(command.c_str(), "r"), ::pclose);
  if (!pipe) return {};
  std::string out;
  std::array<char, 256> buffer{};
  while (std::fgets(buffer.data(), static_cast<int>(buffer.size()), pipe.get()) != nullptr) out += buffer.data();
  while (!out.empty() && (out.back() == '\n' || out.back() == ' ')) out.pop_back();
  return out;
}

bool has_server(const fs::path& bin_dir) { return fs::exists(bin_dir / "initdb") && fs::exists(bin_dir / "postgres"); }

// pg_config names the server's folder (Debian: /usr/lib/postgresql/15/bin), but comes with libpq-dev, which can
// be missing while the server is installed, and the other way round; Debian's newest version is the fallback.
std::string find_bin_dir() {
  std::string configured = command_output("pg_config --bindir 2>/dev/null");
  if (!configured.empty() && has_server(configured)) return configured;
  std::optional<fs::path> newest;
  std::error_code ignored;
  for (const auto& version : fs::directory_iterator("/usr/lib/postgresql", ignored)) {
    const fs::path bin_dir = version.path() / "bin";
    const auto number = [](const fs::path& dir) { return std::atoi(dir.parent_path().filename().c_str()); };
    if (has_server(bin_dir) && (!newest || number(bin_dir) > number(*newest))) newest = bin_dir;
  }
  if (newest) return newest->string();
  throw std::runtime_error(
      "PostgreSQL's server is not installed (no initdb and postgres in `pg_config --bindir` or "
      "/usr/lib/postgresql/*/bin): " +
      std::string(kInstallHint));
}

std::string random_password() {
  std::random_device random;
  std::ostringstream out;
  out << std::hex << random() << random() << random() << random();
  return out.str();
}

// Starts `args` (args[0] is the program's path) as `user` in `dir`, with standard output and error in `log`.
// Everything the child needs is prepared before fork: between fork and exec a threaded process may only make
// async-signal-safe calls.
pid_t spawn(const std::vector<std::string>& args, const fs::path& dir, const fs::path& log, const RunAs& user) {
  std::vector<char*> argv;
  argv.reserve(args.size() + 1);
  for (const std::string& arg : args) argv.push_back(const_cast<char*>(arg.c_str()));
  argv.push_back(nullptr);
  const std::string dir_text = dir.string();
  const std::string log_text = log.string();
  const pid_t pid = ::fork();
  if (pid < 0) throw std::runtime_error("PostgresServer: fork failed");
  if (pid > 0) return pid;
  const int out = ::open(log_text.c_str(), O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0644);
  if (out < 0 || ::dup2(out, STDOUT_FILENO) < 0 || ::dup2(out, STDERR_FILENO) < 0) ::_exit(126);
  if (user.uid && (::setgroups(0, nullptr) != 0 || ::setgid(user.gid) != 0 || ::setuid(*user.uid) != 0)) {
    ::_exit(126);
  }
  // After the change of user, which clears it: the server dies with the test binary instead of outliving it.
  ::prctl(PR_SET_PDEATHSIG, SIGKILL);
  if (::chdir(dir_text.c_str()) != 0) ::_exit(126);
  ::execv(argv[0], argv.data());
  ::_exit(127);
}

// The exit status, or nullopt if the process is still running.
std::optional<int> exit_status(pid_t pid, int options) {
  int status = 0;
  if (::waitpid(pid, &status, options) != pid) return std::nullopt;
  return WIFEXITED(status) ? WEXITSTATUS(status) : 128 + WTERMSIG(status);
}

bool wait_for_exit(pid_t pid, std::chrono::steady_clock::duration timeout) {
  const auto deadline = std::chrono::steady_clock::now() + timeout;
  while (std::chrono::steady_clock::now() < deadline) {
    if (exit_status(pid, WNOHANG)) return true;
    std::this_thread::sleep_for(10ms);
  }
  return false;
}

void give_to(const fs::path& path, const RunAs& user) {
  if (user.uid && ::chown(path.c_str(), *user.uid, user.gid) != 0) {
    throw std::runtime_error("PostgresServer: cannot hand " + path.string() + " to the user 'nobody'");
  }
}

}  // namespace

PostgresServer::PostgresServer(Durability durability)
    : bin_dir_(find_bin_dir()),
      password_(random_password()),
      durability_(durability),
      database_prefix_("test_" + random_password() + "_") {
  const RunAs user = unprivileged_user();
  give_to(dir_.path(), user);
  const fs::path password_file = dir_.path() / "password";
  std::ofstream(password_file) << password_ << '\n';
  give_to(password_file, user);
  // Trust over the socket in the folder (only its owner can reach it); a password over TCP, as in production.
  const pid_t initdb = spawn({bin_dir_ + "/initdb", "--pgdata=" + (dir_.path() / "data").string(),
                              "--username=postgres", "--pwfile=" + password_file.string(), "--auth-local=trust",
                              "--auth-host=scram-sha-256", "--encoding=UTF8", "--no-locale", "--no-sync"},
                             dir_.path(), dir_.path() / "initdb.log", user);
  if (exit_status(initdb, 0) != 0) {
    throw std::runtime_error("PostgresServer: initdb failed:\n" + read_text_file(dir_.path() / "initdb.log"));
  }
  start();
}

void PostgresServer::start() {
  const RunAs user = unprivileged_user();
  const fs::path log = dir_.path() / "postgres.log";
  for (int attempt = 1;; ++attempt) {
    port_ = free_loopback_port();
    std::vector<std::string> argv{bin_dir_ + "/postgres", "-D", (dir_.path() / "data").string(), "-p",
                                  std::to_string(port_), "-h", "127.0.0.1", "-k", dir_.path().string()};
    if (durability_ == Durability::relaxed) {
      // A test run makes hundreds of databases: no fsync, little WAL, recycled early, keeps the folder small.
      for (const char* setting : {"fsync=off", "synchronous_commit=off", "full_page_writes=off", "wal_level=minimal",
                                  "max_wal_senders=0", "max_wal_size=64MB", "min_wal_size=32MB"}) {
        argv.insert(argv.end(), {"-c", setting});
      }
    }
    pid_ = spawn(argv, dir_.path(), log, user);
    // Pinged through the socket in our own folder: another cluster that owns the port cannot answer there.
    const std::string own_socket = "host=" + dir_.path().string() + " port=" + std::to_string(port_) + " user=postgres";
    const auto deadline = std::chrono::steady_clock::now() + kStartTimeout;
    bool exited = false;
    while (std::chrono::steady_clock::now() < deadline) {
      if (PQping(own_socket.c_str()) == PQPING_OK) return;
      if (exit_status(pid_, WNOHANG)) {
        exited = true;  // reaped: its pid may already belong to another process
        break;
      }
      std::this_thread::sleep_for(20ms);
    }
    if (!exited) {
      ::kill(pid_, SIGKILL);
      exit_status(pid_, 0);
    }
    pid_ = -1;
    if (attempt == kStartAttempts) {
      throw std::runtime_error("PostgresServer: postgres did not start:\n" + read_text_file(log));
    }
  }
}

PostgresServer::PostgresServer(std::uint16_t port, std::string password)
    : password_(std::move(password)), port_(port), external_(true), database_prefix_("test_" + random_password() + "_") {}

PostgresServer::~PostgresServer() {
  if (pid_ <= 0) return;  // another process's server: drop_created() has left it as it was
  ::kill(pid_, SIGINT);  // fast shutdown: SIGTERM would wait for every client to disconnect
  if (!wait_for_exit(pid_, kStopTimeout)) {
    ::kill(pid_, SIGKILL);
    exit_status(pid_, 0);
  }
}

void PostgresServer::drop_created() {
  if (!external_) return;  // this process's own server goes with its folder
  const std::unique_ptr<PGconn, void (*)(PGconn*)> conn(PQconnectdb(url().c_str()), PQfinish);
  const std::lock_guard lock(created_mutex_);
  for (const std::string& name : created_) {
    PQclear(PQexec(conn.get(), ("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)").c_str()));
  }
  created_.clear();
}

bool PostgresServer::running() {
  if (pid_ <= 0) return false;
  if (!exit_status(pid_, WNOHANG)) return true;
  pid_ = -1;  // reaped: the destructor must not signal a pid that may be reused
  return false;
}

std::string PostgresServer::log() const { return read_text_file(dir_.path() / "postgres.log"); }

std::string PostgresServer::url_for(std::string_view database) const {
  return "postgresql://postgres:" + password_ + "@127.0.0.1:" + std::to_string(port_) + "/" + std::string(database);
}

std::string PostgresServer::create_database() {
  const std::string name = database_prefix_ + std::to_string(++databases_);
  const std::unique_ptr<PGconn, void (*)(PGconn*)> conn(PQconnectdb(url().c_str()), PQfinish);
  const std::unique_ptr<PGresult, void (*)(PGresult*)> result(
      // FILE_COPY copies the template's files instead of writing every block of it to the WAL.
      PQexec(conn.get(), ("CREATE DATABASE " + name + " TEMPLATE template0 STRATEGY FILE_COPY").c_str()), PQclear);
  if (PQresultStatus(result.get()) != PGRES_COMMAND_OK) {
    throw std::runtime_error("PostgresServer: CREATE DATABASE " + name + " failed: " + PQerrorMessage(conn.get()));
  }
  {
    const std::lock_guard lock(created_mutex_);
    created_.push_back(name);
  }
  return url_for(name);
}

namespace {

std::unique_ptr<PostgresServer>& shared_slot() {
  static std::unique_ptr<PostgresServer> server;
  return server;
}

// After the last test of the process, while libpq can still connect (not at exit, when OpenSSL, which its
// password exchange uses, is gone): the databases made in a server another process runs are dropped.
class DropCreatedDatabases final : public ::testing::Environment {
 public:
  void TearDown() override {
    if (const auto& server = shared_slot()) server->drop_created();
  }
};
[[maybe_unused]] ::testing::Environment* const kDropCreatedDatabases =
    ::testing::AddGlobalTestEnvironment(new DropCreatedDatabases);

}  // namespace

PostgresServer& shared_postgres() {
  static std::once_flag once;
  std::call_once(once, [] {
    const char* shared = std::getenv("HOTELCOUPON_TEST_POSTGRES");
    if (shared == nullptr || *shared == '\0') {
      shared_slot() = std::make_unique<PostgresServer>();
      return;
    }
    std::istringstream fields(shared);
    int port = 0;
    std::string password;
    if (!(fields >> port >> password) || port <= 0 || port > 65535) {
      throw std::runtime_error("HOTELCOUPON_TEST_POSTGRES must be \"<port> <password>\"");
    }
    auto server = std::make_unique<PostgresServer>(static_cast<std::uint16_t>(port), password);
    // A shared server that has gone away must not fail every test after it: this process starts its own.
    if (PQping((server->url() + "?connect_timeout=2").c_str()) != PQPING_OK) {
      std::cerr << "the shared PostgreSQL server does not answer; this test starts its own\n";
      server = std::make_unique<PostgresServer>();
    }
    shared_slot() = std::move(server);
  });
  return *shared_slot();
}

}  // namespace hc::test
