#include "net/idempotency.hpp"

#include "core/encoding.hpp"

#include <gtest/gtest.h>

#include <boost/asio/co_spawn.hpp>
#include <boost/asio/io_context.hpp>

#include <map>
#include <optional>
#include <stdexcept>

namespace hc::net {
namespace {

// Keys in memory: a key with no answer yet is in flight.
class MemoryStore final : public IdempotencyStore {
 public:
  IdempotencyBegin begin(std::string_view owner, std::string_view key, std::string_view fingerprint,
                         SysSeconds /*now*/) override {
    last_fingerprint = std::string(fingerprint);
    const auto [it, fresh] = keys_.try_emplace(std::string(owner) + "/" + std::string(key));
    if (fresh) {
      it->second.fingerprint = std::string(fingerprint);
      return {};
    }
    if (it->second.fingerprint == fingerprint && it->second.answer) return *it->second.answer;
    IdempotencyBegin other;
    other.outcome = it->second.fingerprint != fingerprint ? IdempotencyBegin::Outcome::mismatch
                                                          : IdempotencyBegin::Outcome::in_flight;
    return other;
  }
  void finish(std::string_view owner, std::string_view key, unsigned status, std::string_view content_type,
              std::string_view body) override {
    keys_[std::string(owner) + "/" + std::string(key)].answer =
        IdempotencyBegin{IdempotencyBegin::Outcome::replay, status, std::string(content_type), std::string(body)};
  }
  void abandon(std::string_view owner, std::string_view key) override {
    keys_.erase(std::string(owner) + "/" + std::string(key));
  }

  std::string last_fingerprint;

 private:
  struct Entry {
    std::string fingerprint;
    std::optional<IdempotencyBegin> answer;
  };
  std::map<std::string, Entry> keys_;
};

Request post(std::string body) {
  Request request{http::verb::post, "/api/v1/coupons", 11};
  request.set("Idempotency-Key", "key-1");
  request.body() = std::move(body);
  return request;
}

// Runs the handler to completion; the response, or rethrows what it threw.
Response call(const Handler& handler, const Request& request) {
  boost::asio::io_context io;
  RequestContext ctx{request, "req-1", "127.0.0.1", {}, Principal{"user-1", Role::user, "session-1", {}}, {}};
  std::optional<Response> response;
  std::exception_ptr failure;
  boost::asio::co_spawn(io, handler(ctx), [&](std::exception_ptr e, Response r) {
    failure = e;
    response = std::move(r);
  });
  io.run();
  if (failure) std::rethrow_exception(failure);
  return std::move(*response);
}

Handler created_once(int& calls, bool& fail) {
  return [&calls, &fail](RequestContext& ctx) -> boost::asio::awaitable<Response> {
    ++calls;
    if (fail) throw std::runtime_error("the disk is full");
    Response response{http::status::created, ctx.request.version()};
    response.body() = "{\"n\":" + std::to_string(calls) + "}";
    co_return response;
  };
}

TEST(Idempotency, ReplaysTheFirstAnswer) {
  MemoryStore store;
  WorkerPool workers(1);
  int calls = 0;
  bool fail = false;
  const Handler handler = idempotent(store, workers, created_once(calls, fail));
  EXPECT_EQ(call(handler, post("{}")).result(), http::status::created);
  const Response again = call(handler, post("{}"));
  EXPECT_EQ(again.result(), http::status::created);
  EXPECT_EQ(again["Idempotent-Replayed"], "true");
  EXPECT_EQ(calls, 1);
}

TEST(Idempotency, AKeyWhoseHandlerThrewCanBeTriedAgain) {
  MemoryStore store;
  WorkerPool workers(1);
  int calls = 0;
  bool fail = true;
  const Handler handler = idempotent(store, workers, created_once(calls, fail));
  EXPECT_THROW(call(handler, post("{}")), std::runtime_error);
  fail = false;
  const Response retried = call(handler, post("{}"));
  EXPECT_EQ(retried.result(), http::status::created);  // not 409 request_in_progress
  EXPECT_EQ(calls, 2);
}

// Fingerprints are stored: the same request must keep hashing to the same text across versions.
TEST(Idempotency, FingerprintIsSha256OfMethodTargetAndBody) {
  MemoryStore store;
  WorkerPool workers(1);
  int calls = 0;
  bool fail = false;
  (void)call(idempotent(store, workers, created_once(calls, fail)), post("{\"title\":\"x\"}"));
  EXPECT_EQ(store.last_fingerprint, "428eee72bde9d870776674798b0ac909a5c3aefeca4888b7ed161f48f60bb9e6");
  EXPECT_EQ(sha256_hex({"abc"}), "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
}

}  // namespace
}  // namespace hc::net
