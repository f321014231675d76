#pragma once
// One interaction as a client reports it, in a POST /interactions batch or an `interaction` frame on the socket:
// {id?, coupon_id, action: view | click | share, at?}.
#include "core/error.hpp"
#include "core/result.hpp"
#include "interactions/model.hpp"

#include <boost/json/object.hpp>

#include <cstddef>
#include <optional>
#include <string_view>
#include <vector>

namespace hc::interactions {

//! The event, or nullopt when it is malformed (then it is dropped and counted, never failing anything else).
//! `sender` scopes the client's event id, so one user cannot make another's events look like retries.
std::optional<Interaction> read_client_event(const boost::json::object& event, std::string_view sender,
                                             SysSeconds now);

//! The most events one POST /interactions may carry.
inline constexpr std::size_t kMaxBatchEvents = 500;

//! A POST /interactions body, {events: [...]}, read: the events that are well formed, and how many are not.
struct ClientBatch {
  std::vector<Interaction> good;
  std::size_t malformed = 0;
};

//! Reads a batch body: malformed_json or validation_failed when the body or its `events` list (at most 500) is
//! wrong as a whole; a malformed event in a good list is only counted.
Result<ClientBatch, Error> read_client_batch(std::string_view body, std::string_view sender, SysSeconds now);

}  // namespace hc::interactions
