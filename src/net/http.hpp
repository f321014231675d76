#pragma once
// The request and response types every handler speaks, and the context a handler receives.
#include "core/error.hpp"
#include "core/principal.hpp"

#include <boost/asio/awaitable.hpp>
#include <boost/beast/http/message.hpp>
#include <boost/beast/http/string_body.hpp>
#include <boost/beast/http/verb.hpp>

#include <chrono>
#include <cstddef>
#include <functional>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

namespace hc::net {

namespace http = boost::beast::http;
using Request = http::request<http::string_body>;
using Response = http::response<http::string_body>;

//! Who may call a route.
enum class Access { anyone, signed_in, user, hotelier };

//! What a route accepts as a body; it decides the body limit and the accepted media types.
enum class BodyKind { none, json, image };

struct RequestContext {
  const Request& request;
  std::string request_id;
  std::string client_address;
  std::vector<std::pair<std::string, std::string>> path_params;
  std::optional<Principal> principal;
  std::vector<std::pair<std::string, std::string>> query_params;  // percent-decoded, parsed once per request

  //! The value of a `{name}` segment of the route's pattern (empty if the pattern has none).
  [[nodiscard]] std::string_view param(std::string_view name) const;
  //! The first value of a query parameter, percent-decoded.
  [[nodiscard]] std::optional<std::string> query(std::string_view name) const;
  //! The signed-in caller; only valid on routes that require a sign-in.
  [[nodiscard]] const Principal& caller() const { return *principal; }
};

class WebSocketEndpoint;

struct WebSocketLimits {
  std::size_t max_message = 64 * 1024;
  std::size_t max_queued_messages = 1024;  // waiting to be written, per connection
  std::size_t max_queued_bytes = 1024 * 1024;
  std::chrono::seconds handshake_timeout{10};  // for the opening and the closing handshake
  std::chrono::seconds idle_timeout{60};       // silence for this long ends it; a ping goes out halfway
};

using Handler = std::function<boost::asio::awaitable<Response>(RequestContext&)>;

}  // namespace hc::net
