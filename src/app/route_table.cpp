#include "app/route_table.hpp"

#include "app/app.hpp"
#include "app/config.hpp"

#include <cstdlib>
#include <filesystem>
#include <stdexcept>
#include <system_error>

namespace hc::app {
namespace {

// The temporary folder goes when the App built in it is gone, however that happens.
struct FolderRemovedAfter {
  std::string path;
  ~FolderRemovedAfter() {
    std::error_code ignored;
    std::filesystem::remove_all(path, ignored);
  }
};

}  // namespace

std::vector<RouteShape> server_routes() {
  std::string dir = (std::filesystem::temp_directory_path() / "hc-routes-XXXXXX").string();
  if (::mkdtemp(dir.data()) == nullptr) throw std::runtime_error("cannot create a temporary folder for the routes");
  const FolderRemovedAfter folder{dir};
  auto config = build_config({{"data-dir", dir}, {"worker-threads", "1"}});
  if (!config.ok()) throw std::runtime_error("the default configuration is not valid");
  std::vector<RouteShape> shapes;
  const App app(*config, Logger::null());
  for (const net::Route& route : app.router().routes()) {
    shapes.push_back({route.method, route.pattern, route.access, route.body, route.websocket != nullptr});
  }
  return shapes;
}

}  // namespace hc::app
