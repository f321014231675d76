#pragma once
// A deterministic source of malformed HTTP requests for the abuse flood: request i of a seed is always the same
// bytes, whichever thread sends it and in whatever order, so a failure names a request that can be sent again.
#include <cstdint>
#include <set>
#include <string>
#include <string_view>
#include <utility>

namespace hc::test {

//! What the generated requests aim at: real objects and real tokens, so that they reach the handlers.
struct AbuseTargets {
  std::string traveller_token;
  std::string hotelier_token;
  std::string coupon_id;      // an active coupon of the hotelier's hotel
  std::string redemption_id;  // a traveller's claim of it
};

struct MalformedRequest {
  std::string_view category;  // e.g. "broken JSON"
  std::string bytes;          // the whole request as written on the socket
  //! The statuses the server may answer: all 4xx, and each the one the category's fault deserves.
  std::set<unsigned> expected;
  //! Sent on a connection of its own rather than on the kept-alive one.
  bool fresh_connection = false;
};

class MalformedRequests {
 public:
  MalformedRequests(std::uint64_t seed, AbuseTargets targets) : seed_(seed), targets_(std::move(targets)) {}

  //! Request number `index`: the same bytes for the same seed and index.
  [[nodiscard]] MalformedRequest at(std::uint64_t index) const;

 private:
  std::uint64_t seed_;
  AbuseTargets targets_;
};

//! The first bytes of a request, printable (other bytes as \xNN), for messages.
std::string printable_prefix(std::string_view bytes, std::size_t length = 160);

}  // namespace hc::test
