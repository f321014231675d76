// The served OpenAPI document must describe exactly the routes the router has.
#include "app/route_table.hpp"
#include "ops/handlers.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <set>

namespace hc::app {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

TEST(OpenApi, DocumentsEveryRouteAndNothingElse) {
  std::set<std::string> routed;
  for (const RouteShape& route : server_routes()) {
    routed.insert(lower(net::http::to_string(route.method)) + " " + route.pattern);
  }

  const boost::json::value document = boost::json::parse(ops::openapi_document());
  EXPECT_EQ(document.at("openapi").as_string(), "3.1.0");
  std::set<std::string> documented;
  for (const auto& [path, operations] : document.at("paths").as_object()) {
    for (const auto& [method, operation] : operations.as_object()) {
      documented.insert(std::string(method) + " " + std::string(path));
    }
  }
  for (const auto& route : routed) EXPECT_TRUE(documented.contains(route)) << route << " is not in api/openapi.json";
  for (const auto& entry : documented) EXPECT_TRUE(routed.contains(entry)) << entry << " is documented but not routed";
}

}  // namespace
}  // namespace hc::app
