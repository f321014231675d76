#include "http_load.hpp"

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/ip/tcp.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/use_awaitable.hpp>
#include <boost/beast/core.hpp>
#include <boost/beast/http.hpp>

#include <atomic>
#include <thread>
#include <vector>

namespace hc::bench {
namespace {

namespace asio = boost::asio;
namespace beast = boost::beast;
namespace http = beast::http;
using tcp = asio::ip::tcp;
using Clock = std::chrono::steady_clock;

constexpr auto kExchangeTimeout = std::chrono::seconds(30);
constexpr int kFailuresInARow = 3;  // then the connection gives up rather than spin on a dead server
constexpr std::uint64_t kBodyLimit = 64ULL << 20;

enum class Phase { warmup, measure, stop };

struct Run {
  const LoadPlan& plan;
  const NextRequest& next;
  const std::function<void(unsigned, const std::string&)>& observe;
  std::atomic<Phase> phase;
  std::atomic<std::size_t> connected{0};
  std::atomic<bool> go{false};
};

// For connect_first: opens the connection, then waits (polling every millisecond) until every connection is open.
asio::awaitable<void> connect_and_wait(beast::tcp_stream& stream, const tcp::endpoint& endpoint, Run& run) {
  stream.expires_after(kExchangeTimeout);
  co_await stream.async_connect(endpoint, asio::use_awaitable);
  stream.expires_never();
  stream.socket().set_option(tcp::no_delay(true));
  ++run.connected;
  asio::steady_timer tick(co_await asio::this_coro::executor);
  while (!run.go.load()) {
    tick.expires_after(std::chrono::milliseconds(1));
    co_await tick.async_wait(asio::use_awaitable);
  }
}

http::request<http::string_body> to_beast(Request&& request) {
  http::request<http::string_body> message{request.method, request.target, 11};
  message.set(http::field::host, "127.0.0.1");
  if (!request.token.empty()) message.set(http::field::authorization, "Bearer " + request.token);
  if (!request.body.empty()) {
    message.set(http::field::content_type, "application/json");
    message.body() = std::move(request.body);
  }
  message.prepare_payload();
  return message;
}

// One connection: its requests one after another, reconnecting when the server closes it.
asio::awaitable<void> drive(std::size_t index, Run& run, LoadResult& out) {
  const tcp::endpoint endpoint(asio::ip::make_address_v4("127.0.0.1"), run.plan.port);
  beast::tcp_stream stream(co_await asio::this_coro::executor);
  beast::flat_buffer buffer;
  bool connected = false;
  int failures_in_a_row = 0;
  if (run.plan.connect_first) {
    try {
      co_await connect_and_wait(stream, endpoint, run);
      connected = true;
    } catch (const std::exception& e) {
      ++out.failures;
      out.first_failure = e.what();
      ++run.connected;  // counted all the same, so that the others do not wait for it
      co_return;
    }
  }
  for (std::uint64_t n = 0; run.phase.load() != Phase::stop; ++n) {
    auto request = run.next(index, n);
    if (!request) break;
    try {
      if (!connected) {
        stream.expires_after(kExchangeTimeout);
        co_await stream.async_connect(endpoint, asio::use_awaitable);
        stream.socket().set_option(tcp::no_delay(true));
        buffer.clear();
        connected = true;
      }
      auto message = to_beast(std::move(*request));
      const auto started = Clock::now();
      stream.expires_after(kExchangeTimeout);
      co_await http::async_write(stream, message, asio::use_awaitable);
      http::response_parser<http::string_body> parser;
      parser.body_limit(kBodyLimit);
      co_await http::async_read(stream, buffer, parser, asio::use_awaitable);
      const auto took = std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - started);
      failures_in_a_row = 0;
      const auto& answer = parser.get();
      if (run.phase.load() == Phase::measure) {
        ++out.requests;
        ++out.statuses[answer.result_int()];
        out.latencies.add(static_cast<std::uint32_t>(took.count()));
        if (run.observe) run.observe(answer.result_int(), answer.body());
      }
      if (!answer.keep_alive()) {
        stream.socket().close();
        connected = false;
      }
    } catch (const std::exception& e) {
      if (run.phase.load() == Phase::stop) break;
      ++out.failures;
      if (out.first_failure.empty()) out.first_failure = e.what();
      beast::error_code ignored;
      stream.socket().close(ignored);
      connected = false;
      if (++failures_in_a_row == kFailuresInARow) break;
    }
  }
  beast::error_code ignored;
  stream.socket().shutdown(tcp::socket::shutdown_both, ignored);
}

}  // namespace

std::uint64_t LoadResult::with_status(unsigned status) const {
  const auto found = statuses.find(status);
  return found == statuses.end() ? 0 : found->second;
}

void LoadResult::merge(LoadResult&& other) {
  requests += other.requests;
  for (const auto& [status, count] : other.statuses) statuses[status] += count;
  failures += other.failures;
  if (first_failure.empty()) first_failure = std::move(other.first_failure);
  latencies.merge(std::move(other.latencies));
}

LoadResult run_http_load(const LoadPlan& plan, const NextRequest& next,
                         const std::function<void(unsigned, const std::string&)>& observe) {
  Run run{plan, next, observe, plan.warmup.count() > 0 ? Phase::warmup : Phase::measure};
  const unsigned threads = std::max(1U, plan.threads);
  std::vector<std::unique_ptr<asio::io_context>> contexts;
  std::vector<LoadResult> results(threads);
  for (unsigned t = 0; t < threads; ++t) contexts.push_back(std::make_unique<asio::io_context>(1));
  for (std::size_t c = 0; c < plan.connections; ++c) {
    const unsigned t = static_cast<unsigned>(c % threads);
    asio::co_spawn(*contexts[t], drive(c, run, results[t]), asio::detached);
  }
  const bool warming_up = run.phase == Phase::warmup;
  if (!warming_up && !plan.connect_first && plan.measuring_started) plan.measuring_started();
  auto started = Clock::now();
  std::vector<std::thread> workers;
  for (unsigned t = 0; t < threads; ++t) workers.emplace_back([&context = *contexts[t]] { context.run(); });
  if (plan.connect_first) {
    while (run.connected.load() < plan.connections) std::this_thread::sleep_for(std::chrono::milliseconds(1));
    if (plan.measuring_started) plan.measuring_started();
    started = Clock::now();
    run.go = true;
  }

  if (warming_up) {
    std::this_thread::sleep_for(plan.warmup);
    if (plan.measuring_started) plan.measuring_started();
    run.phase = Phase::measure;
    started = Clock::now();
  }
  auto ended = started;
  if (plan.duration.count() > 0) {
    std::this_thread::sleep_for(plan.duration);
    run.phase = Phase::stop;
    ended = Clock::now();
    if (plan.measuring_ended) plan.measuring_ended();
  }
  for (std::thread& worker : workers) worker.join();
  if (plan.duration.count() == 0) {
    ended = Clock::now();
    if (plan.measuring_ended) plan.measuring_ended();
  }

  LoadResult total;
  for (LoadResult& part : results) total.merge(std::move(part));
  total.seconds = std::chrono::duration<double>(ended - started).count();
  return total;
}

Answer fetch(std::uint16_t port, Request request) {
  Answer answer;
  LoadPlan plan;
  plan.port = port;
  plan.connections = 1;
  plan.threads = 1;
  run_http_load(
      plan, [&](std::size_t, std::uint64_t n) { return n == 0 ? std::optional<Request>(request) : std::nullopt; },
      [&](unsigned status, const std::string& body) {
        answer = {status, body};
      });
  return answer;
}

}  // namespace hc::bench
