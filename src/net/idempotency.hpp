#pragma once
// Idempotency-Key on POSTs that create things: the same key with the same request replays the first answer,
// with another request answers 422, and while the first is still being answered, 409. Keys live 24 hours.
#include "core/time.hpp"
#include "core/worker_pool.hpp"
#include "net/http.hpp"

#include <string>

namespace hc::net {

inline constexpr std::chrono::hours kIdempotencyKeyLifetime{24};

struct IdempotencyBegin {
  enum class Outcome { fresh, replay, mismatch, in_flight } outcome = Outcome::fresh;
  unsigned status = 0;  // replay: the first answer
  std::string content_type;
  std::string body;
};

//! Where keys and first answers are kept (blocking; called on the worker pool).
class IdempotencyStore {
 public:
  virtual ~IdempotencyStore() = default;
  //! Claims the key for this request, or tells what became of an earlier request with it.
  virtual IdempotencyBegin begin(std::string_view owner, std::string_view key, std::string_view fingerprint,
                                 SysSeconds now) = 0;
  //! Keeps the answer to replay.
  virtual void finish(std::string_view owner, std::string_view key, unsigned status, std::string_view content_type,
                      std::string_view body) = 0;
  //! Forgets the key (the answer was a server error: the client may try again).
  virtual void abandon(std::string_view owner, std::string_view key) = 0;
};

//! Wraps a signed-in route's handler with Idempotency-Key handling; without the header it just calls it.
Handler idempotent(IdempotencyStore& store, WorkerPool& workers, Handler inner);

}  // namespace hc::net
