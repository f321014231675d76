// The body of POST /interactions, the batch endpoint for clients without a socket, read as the handler reads it
// (interactions::read_client_batch): the body's JSON, the `events` list's shape (present, a list, at most 500),
// then each event through the reader the handler and the socket share. An accepted batch is within the limit and
// accounts for every element; an accepted event is well formed and scoped to its sender; a refused body says why.
#include "interactions/client_event.hpp"

#include <cstdint>
#include <cstdlib>
#include <string_view>

namespace {

using namespace hc;

const SysSeconds kNow{std::chrono::seconds(1'767'225'600)};  // 2026-01-01

void check(const interactions::Interaction& event) {
  if (event.coupon_id.empty() || event.coupon_id.size() > 64 || event.at > kNow) std::abort();
  if (event.action != "view" && event.action != "click" && event.action != "share") std::abort();
  if (event.id && !event.id->starts_with("u1:")) std::abort();
}

}  // namespace

extern "C" int LLVMFuzzerTestOneInput(const std::uint8_t* data, std::size_t size) {
  const std::string_view body(reinterpret_cast<const char*>(data), size);
  const auto batch = interactions::read_client_batch(body, "u1", kNow);
  if (!batch) {
    if (batch.error().code != Errc::malformed_json && batch.error().code != Errc::validation_failed) std::abort();
    return 0;
  }
  if (batch->good.size() + batch->malformed > interactions::kMaxBatchEvents) std::abort();
  for (const auto& event : batch->good) check(event);
  return 0;
}
