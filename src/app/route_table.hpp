#pragma once
// The server's route table as data, without its handlers: for what checks the table itself (the OpenAPI test, the
// access-control matrix) and the HTTP fuzz target, which answers the same routes with stand-ins.
#include "net/http.hpp"

#include <string>
#include <vector>

namespace hc::app {

struct RouteShape {
  net::http::verb method;
  std::string pattern;
  net::Access access;
  net::BodyKind body;
  bool websocket = false;  // the route also accepts WebSocket upgrades
};

//! Every route the server serves, in the table's order. The routes exist only inside a built App, so one is built on
//! an empty SQLite database in a temporary folder (removed again); throws std::runtime_error if it cannot be.
std::vector<RouteShape> server_routes();

}  // namespace hc::app
