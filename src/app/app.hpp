#pragma once
// The composition root: builds every part from the Config once and wires them. Nothing else reads the
// environment or decides which implementation of an interface is used.
#include "app/config.hpp"
#include "core/log.hpp"
#include "net/dispatcher.hpp"
#include "net/router.hpp"

#include <memory>
#include <vector>

namespace hc::app {

struct DemoAccount {
  std::string email;
  std::string role;
};

struct BackgroundWork;
class BackgroundLoops;

class App {
 public:
  //! Opens storage and builds the services; throws std::runtime_error with a clear message if it cannot.
  App(Config config, Logger log);
  ~App();
  App(const App&) = delete;
  App& operator=(const App&) = delete;

  //! Applies pending migrations; returns how many ran.
  int migrate();
  //! Loads the demo data set when the database has no accounts; returns how many accounts it created.
  int seed_demo();
  //! Serves until SIGINT or SIGTERM, then drains; returns the process exit code.
  int serve();
  //! Does the background work alone (no HTTP) until SIGINT or SIGTERM, beside serve nodes on the same shared
  //! database; returns the process exit code. Throws on the embedded database, whose serve does it itself.
  int work();
  //! The route table (also the source for the OpenAPI check).
  [[nodiscard]] const net::Router& router() const;

 private:
  void flush_socket_events();
  std::size_t queue_socket_events(BackgroundLoops& loops);
  std::size_t fold_interactions();
  void serve_web_app(net::Dispatcher& dispatcher);
  std::vector<BackgroundWork> shared_background_work(BackgroundLoops& loops);
  std::size_t run_report_jobs();
  void stop_pools();
  int stopped();

  struct Parts;
  Config config_;
  Logger log_;
  std::unique_ptr<Parts> parts_;
};

}  // namespace hc::app
