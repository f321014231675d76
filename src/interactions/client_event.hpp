#pragma once
// One interaction as a client reports it, in a POST /interactions batch or an `interaction` frame on the socket:
// {id?, coupon_id, action: view | click | share, at?}.
#include "interactions/model.hpp"

#include <boost/json/object.hpp>

#include <optional>
#include <string_view>

namespace hc::interactions {

//! The event, or nullopt when it is malformed (then it is dropped and counted, never failing anything else).
//! `sender` scopes the client's event id, so one user cannot make another's events look like retries.
std::optional<Interaction> read_client_event(const boost::json::object& event, std::string_view sender,
                                             SysSeconds now);

}  // namespace hc::interactions
