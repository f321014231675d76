#pragma once
// The route table: method, path pattern, who may call it, what body it takes, and its handler.
#include "net/http.hpp"

#include <string>
#include <string_view>
#include <vector>

namespace hc::net {

struct Route {
  http::verb method;
  std::string pattern;  // e.g. "/api/v1/hotels/{id}"; a segment in braces captures one path segment
  Access access;
  BodyKind body;
  Handler handler;
  WebSocketEndpoint* websocket = nullptr;  // set on a route that also accepts WebSocket upgrades
};

struct RouteMatch {
  const Route* route = nullptr;                               // null: no route for this method
  std::vector<std::pair<std::string, std::string>> params;    // captured segments, percent-decoded
  std::vector<http::verb> allowed;                            // methods the path has, when route is null
};

class Router {
 public:
  //! Adds a route; throws std::invalid_argument on a malformed pattern or a duplicate method and pattern.
  void add(Route route);
  //! Finds the route for a method and a path (without the query string).
  [[nodiscard]] RouteMatch match(http::verb method, std::string_view path) const;
  //! Every route, in the order they were added.
  [[nodiscard]] const std::vector<Route>& routes() const { return routes_; }

 private:
  std::vector<Route> routes_;
  std::vector<std::vector<std::string>> segments_;  // the pattern of routes_[i], split on '/'
};

//! Splits a path on '/' (the leading slash gives no empty first segment).
std::vector<std::string_view> split_path(std::string_view path);

}  // namespace hc::net
