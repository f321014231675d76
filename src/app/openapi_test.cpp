// The served OpenAPI document must describe exactly the routes the router has.
#include "app/app.hpp"
#include "ops/handlers.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <filesystem>
#include <set>

namespace hc::app {
namespace {

std::string lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

TEST(OpenApi, DocumentsEveryRouteAndNothingElse) {
  std::string dir = (std::filesystem::temp_directory_path() / "hc-openapi-XXXXXX").string();
  ASSERT_NE(::mkdtemp(dir.data()), nullptr);
  auto config = build_config({{"data-dir", dir}, {"worker-threads", "1"}});
  ASSERT_TRUE(config.ok());
  std::set<std::string> routed;
  {
    const App app(*config, Logger::null());
    for (const net::Route& route : app.router().routes()) {
      routed.insert(lower(net::http::to_string(route.method)) + " " + route.pattern);
    }
  }
  std::filesystem::remove_all(dir);

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
