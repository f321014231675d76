#include "net/idempotency.hpp"

#include "core/encoding.hpp"
#include "net/responses.hpp"

#include <algorithm>
#include <exception>

namespace hc::net {
namespace {

constexpr std::size_t kMaxKeyLength = 255;

bool is_valid_key(std::string_view key) {
  return !key.empty() && key.size() <= kMaxKeyLength &&
         std::all_of(key.begin(), key.end(), [](char c) { return c > 0x20 && c < 0x7F; });
}

// The same key must come with the same request: method, path and body.
std::string fingerprint(const Request& request) {
  return sha256_hex({request.method_string(), " ", request.target(), "\n", request.body()});
}

Response replay(const RequestContext& ctx, const IdempotencyBegin& first) {
  Response response{static_cast<http::status>(first.status), ctx.request.version()};
  response.keep_alive(ctx.request.keep_alive());
  response.set(http::field::content_type, first.content_type);
  response.set("Idempotent-Replayed", "true");
  response.body() = first.body;
  return response;
}

}  // namespace

Handler idempotent(IdempotencyStore& store, WorkerPool& workers, Handler inner) {
  return [&store, &workers, inner = std::move(inner)](RequestContext& ctx) -> boost::asio::awaitable<Response> {
    const auto header = ctx.request.find("Idempotency-Key");
    if (header == ctx.request.end()) co_return co_await inner(ctx);
    const std::string key(header->value());
    if (!is_valid_key(key)) {
      co_return error_response(ctx, validation_error({{"Idempotency-Key", "must be 1 to 255 visible ASCII characters"}}));
    }
    const std::string owner = ctx.caller().user_id;
    const std::string print = fingerprint(ctx.request);
    const SysSeconds now = to_seconds(Clock::now());
    const IdempotencyBegin first = co_await workers.run([&] { return store.begin(owner, key, print, now); });
    using Outcome = IdempotencyBegin::Outcome;
    if (first.outcome == Outcome::replay) co_return replay(ctx, first);
    if (first.outcome == Outcome::mismatch) co_return error_response(ctx, make_error(Errc::idempotency_key_reused));
    if (first.outcome == Outcome::in_flight) co_return error_response(ctx, make_error(Errc::request_in_progress));
    Response response;
    std::exception_ptr failure;
    try {
      response = co_await inner(ctx);
    } catch (...) {
      failure = std::current_exception();  // co_await is not allowed inside a handler
    }
    // Lets the key go so that the client may try it again. If even that fails (the full disk that failed the request
    // refuses the delete too), the key stays in flight until it expires, and the request's own answer still stands.
    const auto let_go = [&] {
      try {
        store.abandon(owner, key);
      } catch (const std::exception&) {
      }
    };
    if (failure) {
      // A handler that threw answers 500 or 503 (the dispatcher's job).
      co_await workers.run(let_go);
      std::rethrow_exception(failure);
    }
    const unsigned status = response.result_int();
    const std::string content_type(response[http::field::content_type]);
    co_await workers.run([&] {
      if (status >= 500) let_go();
      else store.finish(owner, key, status, content_type, response.body());
    });
    co_return response;
  };
}

}  // namespace hc::net
