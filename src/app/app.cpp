#include "app/app.hpp"

#include "app/background.hpp"
#include "app/limits.hpp"
#include "app/redis_services.hpp"
#include "app/routes.hpp"
#include "app/secrets.hpp"
#include "auth/handlers.hpp"
#include "auth/service.hpp"
#include "bus/inproc_bus.hpp"
#include "core/failure_limiter.hpp"
#include "core/text.hpp"
#include "core/worker_pool.hpp"
#include "coupons/handlers.hpp"
#include "coupons/service.hpp"
#include "demo/seed.hpp"
#include "hotels/handlers.hpp"
#include "hotels/service.hpp"
#include "interactions/batcher.hpp"
#include "interactions/handlers.hpp"
#include "live/endpoint.hpp"
#include "live/hub.hpp"
#include "media/handlers.hpp"
#include "net/server.hpp"
#include "notifications/dispatcher.hpp"
#include "notifications/handlers.hpp"
#include "objects/fs_store.hpp"
#include "objects/guarded_store.hpp"
#include "objects/s3_store.hpp"
#include "ops/handlers.hpp"
#include "ops/metrics.hpp"
#include "redemptions/handlers.hpp"
#include "redemptions/service.hpp"
#include "reports/handlers.hpp"
#include "reports/service.hpp"
#include "storage/postgres/database.hpp"
#include "storage/sqlite/database.hpp"
#include "subscriptions/handlers.hpp"
#include "web/handlers.hpp"
#include "web/site.hpp"

#include <boost/asio/as_tuple.hpp>
#include <boost/asio/co_spawn.hpp>
#include <boost/asio/detached.hpp>
#include <boost/asio/io_context.hpp>
#include <boost/asio/post.hpp>
#include <boost/asio/signal_set.hpp>
#include <boost/asio/steady_timer.hpp>
#include <boost/asio/this_coro.hpp>

#include <atomic>
#include <deque>
#include <filesystem>
#include <fstream>
#include <functional>
#include <stdexcept>
#include <thread>

namespace hc::app {

namespace {

constexpr std::chrono::milliseconds kOutboxPollInterval{50};  // for events committed by other processes
constexpr std::string_view kOutboxWork = "outbox";
constexpr std::string_view kReportWork = "reports";
constexpr std::chrono::milliseconds kFoldInterval{1000};  // for events queued by other processes
constexpr std::string_view kFoldWork = "interactions";
constexpr std::chrono::milliseconds kSocketInteractionInterval{100};
constexpr std::chrono::milliseconds kReportPollInterval{250};
// Reports render one at a time on a thread of their own, so a big PDF never holds up requests.
constexpr std::size_t kReportThreads = 1;

// The accounts module proves bearer tokens for the dispatcher.
class TokenAuthenticator final : public net::Authenticator {
 public:
  explicit TokenAuthenticator(const auth::AuthService& service) : service_(service) {}
  Result<Principal, Error> authenticate(std::string_view bearer_token) const override {
    return service_.authenticate(bearer_token);
  }

 private:
  const auth::AuthService& service_;
};

// SQLite by default (a file under the data folder), or the PostgreSQL server of HC_DATABASE_URL.
std::unique_ptr<storage::Database> open_database(const Config& config, std::size_t connections) {
  const std::filesystem::path path = config.sqlite_path();
  if (path.empty()) {
    return std::make_unique<postgres::PostgresDatabase>(postgres::ConnectionOptions{.url = config.database_url},
                                                        connections);
  }
  if (path.has_parent_path()) std::filesystem::create_directories(path.parent_path());
  sqlite::ConnectionOptions options;
  options.path = path.string();
  options.synchronous = config.sqlite_synchronous;
  return std::make_unique<sqlite::SqliteDatabase>(options, connections);
}

// The keys for an s3:// store: from the settings, or from the credentials file ("access_key = ..." and
// "secret_key = ..." lines, '#' comments).
objects::S3Credentials s3_credentials(const Config& config) {
  objects::S3Credentials credentials{config.s3_access_key, config.s3_secret_key};
  if (config.s3_credentials_file.empty()) return credentials;
  std::ifstream in(config.s3_credentials_file);
  if (!in) throw std::runtime_error("cannot read the S3 credentials file " + config.s3_credentials_file.string());
  for (std::string line; std::getline(in, line);) {
    const std::string_view text = trim_spaces(std::string_view(line).substr(0, line.find('#')));
    const auto equals = text.find('=');
    if (equals == std::string_view::npos) continue;
    const std::string_view key = trim_spaces(text.substr(0, equals));
    const std::string value(trim_spaces(text.substr(equals + 1)));
    if (key == "access_key")
      credentials.access_key = value;
    else if (key == "secret_key")
      credentials.secret_key = value;
  }
  if (credentials.access_key.empty() || credentials.secret_key.empty()) {
    throw std::runtime_error("the S3 credentials file " + config.s3_credentials_file.string() +
                             " needs access_key = ... and secret_key = ... lines");
  }
  return credentials;
}

// The folder for file://, the S3 service for s3:// (the URL was checked with the configuration).
std::unique_ptr<objects::ObjectStore> open_object_store(const Config& config) {
  constexpr std::string_view kFileScheme = "file://";
  if (config.storage_url.starts_with(kFileScheme)) {
    return std::make_unique<objects::FileObjectStore>(config.storage_url.substr(kFileScheme.size()));
  }
  auto location = objects::parse_s3_url(config.storage_url);
  if (!location) throw std::runtime_error("HC_STORAGE_URL " + location.error());
  return std::make_unique<objects::S3ObjectStore>(objects::S3Options{*location, s3_credentials(config)});
}

std::vector<unsigned char> token_key(const Config& config) {
  const bool generated = config.jwt_secret_file.empty();
  return load_token_key(generated ? config.data_dir / "secrets" / "jwt.key" : config.jwt_secret_file, generated);
}

// "http://host:port", with an IPv6 address in brackets.
std::string http_origin(const std::string& host, std::uint16_t port) {
  const bool is_v6 = host.find(':') != std::string::npos;
  std::string origin = "http://";
  origin.append(is_v6 ? "[" : "").append(host).append(is_v6 ? "]:" : ":").append(std::to_string(port));
  return origin;
}

std::vector<std::string> own_origins(const std::string& host, std::uint16_t port) {
  std::vector<std::string> origins{http_origin(host, port)};
  if (host == "127.0.0.1" || host == "::1") origins.push_back(http_origin("localhost", port));
  return origins;
}

// The web app of the configuration, read into memory once; none when it names no folder.
std::optional<web::Site> load_site(const Config& config) {
  if (!config.web_dir || config.web_dir->empty()) return std::nullopt;
  return web::Site::load(*config.web_dir);
}

void register_pipeline_gauges(ops::Metrics& metrics, const interactions::PipelineGauges& gauges) {
  metrics.add_gauge("hc_interaction_queue_depth", "Interaction events waiting to be counted.",
                    [&gauges] { return static_cast<double>(gauges.queue_depth.load()); });
  metrics.add_gauge("hc_interaction_lag_seconds", "Age of the oldest interaction event not yet counted.",
                    [&gauges] { return static_cast<double>(gauges.lag_seconds.load()); });
  metrics.add_gauge("hc_interaction_last_batch", "Events handled by the last fold pass.",
                    [&gauges] { return static_cast<double>(gauges.last_batch.load()); });
  metrics.add_gauge("hc_interaction_dropped_total", "Malformed or unknown interaction events dropped.",
                    [&gauges] { return static_cast<double>(gauges.dropped_total.load()); });
}

// Grants per commit of the claim route: claims over batches.
void register_claim_gauges(ops::Metrics& metrics, const redemptions::ClaimBatcher& claims) {
  metrics.add_gauge("hc_claim_batch_claims_total", "Claims committed in batches (a code's retry counts again).",
                    [&claims] { return static_cast<double>(claims.stats().claims); });
  metrics.add_gauge("hc_claim_batches_total", "Claim batches committed, one transaction each.",
                    [&claims] { return static_cast<double>(claims.stats().batches); });
  metrics.add_gauge("hc_claim_batch_largest", "The most claims one batch has held.",
                    [&claims] { return static_cast<double>(claims.stats().largest); });
}

// On SIGINT or SIGTERM: stop accepting, let requests in flight finish, close what is left after the grace period.
boost::asio::awaitable<void> drain_on_signal(boost::asio::signal_set& signals, net::Server& server, const Logger& log,
                                             std::chrono::seconds grace, const std::function<void()>& stop_background) {
  namespace asio = boost::asio;
  auto [ec, signal] = co_await signals.async_wait(asio::as_tuple(asio::use_awaitable));
  if (ec) co_return;
  log.info("shutting down",
           {{"signal", std::int64_t{signal}}, {"open_connections", std::uint64_t{server.open_connections()}}});
  server.begin_shutdown();
  stop_background();
  // Wait for the last in-flight request to finish, or for the grace period to end.
  const auto give_up_at = std::chrono::steady_clock::now() + grace;
  asio::steady_timer timer(co_await asio::this_coro::executor);
  while (server.open_connections() > 0) {
    if (std::chrono::steady_clock::now() >= give_up_at) {
      log.warn("grace period over; closing connections",
               {{"open_connections", std::uint64_t{server.open_connections()}}});
      server.force_close();
      co_return;
    }
    timer.expires_after(std::chrono::milliseconds(20));
    co_await timer.async_wait(asio::use_awaitable);
  }
}

// The outbox hands its deliveries to the bus, which brings them to every node's sockets.
class BusChannel final : public notifications::LiveChannel {
 public:
  explicit BusChannel(bus::LiveBus& bus) : bus_(bus) {}
  void publish(std::shared_ptr<const notifications::Delivery> delivery) override { bus_.publish(std::move(delivery)); }

 private:
  bus::LiveBus& bus_;
};

// What the bus brings to this node goes to the sockets connected here.
void hand_to_sockets(live::Hub& hub, const bus::LiveMessage& message) {
  if (const auto* delivery = std::get_if<std::shared_ptr<const notifications::Delivery>>(&message)) {
    hub.publish(*delivery);
  } else if (const auto* signal = std::get_if<std::shared_ptr<const bus::Signal>>(&message)) {
    // The frame shares the signal's lifetime: no copy per socket.
    hub.signal((*signal)->user_ids, std::shared_ptr<const std::string>(*signal, &(*signal)->frame));
  }
}

}  // namespace

struct App::Parts {
  Parts(const Config& config, const Logger& log)
      : workers(config.worker_threads),
        report_workers(kReportThreads),
        database(open_database(config, config.worker_threads + kReportThreads)),
        tokens(token_key(config), std::string(auth::kTokenIssuer), std::string(auth::kTokenAudience)),
        login_failures(kLoginMaxFailures, kLoginWindow),
        desk_failures(config.desk_max_failures, kDeskWindow),
        in_process_bus(log),
        redis(open_redis(config, config.worker_threads + kReportThreads + 1, login_failures, desk_failures, log)),
        live_bus(redis ? static_cast<bus::LiveBus&>(redis->guarded_bus) : in_process_bus),
        auth(database->accounts(), hasher, tokens, redis ? static_cast<FailureLimiter&>(redis->login) : login_failures,
             {config.access_token_ttl, config.refresh_token_ttl}, &Clock::now),
        auth_handlers(auth, workers),
        authenticator(auth),
        object_store_breaker("object_store", BreakerOptions{}, log),
        objects(open_object_store(config), object_store_breaker),
        coupons(database->coupons(), objects, &Clock::now),
        hotels(database->hotels(), objects, &Clock::now, [this] { coupons.search_changed(); }),
        coupon_handlers(coupons, workers),
        hotel_handlers(hotels, workers),
        media_handlers(objects, workers),
        redemptions(database->redemptions(), database->coupons(),
                    redis ? static_cast<FailureLimiter&>(redis->desk) : desk_failures, &Clock::now),
        claims(database->redemptions(), workers, &Clock::now, log),
        redemption_handlers(redemptions, claims, workers),
        subscription_handlers(database->subscriptions(), workers, &Clock::now),
        bus_channel(live_bus),
        outbox(database->notifications(), bus_channel, log),
        notification_handlers(database->notifications(), workers),
        interaction_queue(open_interaction_queue(redis.get(), database->interactions(), log)),
        interactions(*interaction_queue, database->interactions(), database->coupons(), &Clock::now),
        interaction_handlers(interactions, workers),
        interaction_batcher(interactions),
        sockets(hub, authenticator, database->notifications(), interaction_batcher, workers, log),
        reports(database->reports(), database->coupons(), database->interactions(), objects, &Clock::now, log,
                load_worker_name(config.data_dir / "state" / "worker.id")),
        report_handlers(reports, workers),
        ops_handlers(metrics, workers, readiness_checks(), breakers()),
        site(load_site(config)),
        web_handlers(site ? std::make_optional<web::WebHandlers>(*site) : std::nullopt),
        router(build_router({database->idempotency(), workers, auth_handlers, ops_handlers, coupon_handlers,
                             hotel_handlers, media_handlers, redemption_handlers, subscription_handlers,
                             notification_handlers, interaction_handlers, report_handlers, sockets,
                             web_handlers ? &*web_handlers : nullptr, wake_outbox, wake_reports})),
        log_(log) {}

  std::string check_database() {
    try {
      database->check();
      return {};
    } catch (const std::exception& e) {
      log_.warn("readiness check failed", {{"dependency", "database"}, {"what", std::string_view(e.what())}});
      return "unreachable";
    }
  }

  //! Every circuit breaker, for /readyz and /metrics.
  std::vector<const CircuitBreaker*> breakers() const {
    std::vector<const CircuitBreaker*> all{&object_store_breaker};
    if (redis) all.push_back(&redis->breaker);
    return all;
  }

  //! What /readyz checks: the database is essential; without the object store or Redis the node still serves.
  std::vector<ops::ReadinessCheck> readiness_checks() {
    std::vector<ops::ReadinessCheck> checks{{"database", [this] { return check_database(); }, true},
                                            {"objects", [this] { return check_objects(); }, false}};
    if (redis) checks.push_back({"redis", [this] { return check_redis(); }, false});
    return checks;
  }

  std::string check_redis() {
    std::string problem = redis->check();
    if (!problem.empty()) log_.warn("readiness check failed", {{"dependency", "redis"}, {"what", problem}});
    return problem;
  }

  std::string check_objects() {
    try {
      objects.check();
      return {};
    } catch (const std::exception& e) {
      log_.warn("readiness check failed", {{"dependency", "objects"}, {"what", std::string_view(e.what())}});
      return object_store_breaker.state() == BreakerState::closed ? "unreachable" : "unreachable (circuit open)";
    }
  }

  WorkerPool workers;
  WorkerPool report_workers;
  std::unique_ptr<storage::Database> database;
  auth::PasswordHasher hasher;
  auth::JwtCodec tokens;
  InMemoryFailureLimiter login_failures;
  InMemoryFailureLimiter desk_failures;
  bus::InProcessBus in_process_bus;
  live::Hub hub;                         // before the bus, whose subscriber thread hands it messages
  std::unique_ptr<RedisServices> redis;  // null without HC_REDIS_URL
  bus::LiveBus& live_bus;                // Redis's between nodes, else the in-process one
  auth::AuthService auth;
  auth::AuthHandlers auth_handlers;
  TokenAuthenticator authenticator;
  CircuitBreaker object_store_breaker;
  objects::GuardedObjectStore objects;
  coupons::CouponService coupons;
  hotels::HotelService hotels;
  coupons::CouponHandlers coupon_handlers;
  hotels::HotelHandlers hotel_handlers;
  media::MediaHandlers media_handlers;
  redemptions::RedemptionService redemptions;
  redemptions::ClaimBatcher claims;  // the claim route's group commit
  redemptions::RedemptionHandlers redemption_handlers;
  subscriptions::SubscriptionHandlers subscription_handlers;
  BusChannel bus_channel;
  notifications::OutboxDispatcher outbox;
  notifications::NotificationHandlers notification_handlers;
  std::unique_ptr<interactions::InteractionQueue> interaction_queue;  // Redis's stream, else the database's queue
  interactions::InteractionService interactions;
  interactions::InteractionHandlers interaction_handlers;
  interactions::InteractionBatcher interaction_batcher;
  live::SocketEndpoint sockets;
  reports::ReportService reports;
  reports::ReportHandlers report_handlers;
  ops::Metrics metrics;
  ops::OpsHandlers ops_handlers;
  std::optional<web::Site> site;
  std::optional<web::WebHandlers> web_handlers;
  // What commits an outbox event here wakes the outbox loop, so the event goes out now rather than at the next
  // poll (which stays, for the events other processes commit). A no-op while this process runs no outbox loop;
  // set and reset only while no request and no background pass runs.
  std::function<void()> wake_outbox = [] {};
  std::function<void()> wake_reports = [] {};  // the same for a report job asked for here
  net::Router router;
  Logger log_;
};

App::App(Config config, Logger log) : config_(std::move(config)), log_(std::move(log)) {
  std::filesystem::create_directories(config_.data_dir);
  parts_ = std::make_unique<Parts>(config_, log_);
}

App::~App() = default;

const net::Router& App::router() const { return parts_->router; }

int App::migrate() {
  storage::Database& database = *parts_->database;
  const int applied = database.migrate();
  log_.info("migrations applied", {{"database", database.engine()},
                                   {"applied", std::int64_t{applied}},
                                   {"schema_version", std::int64_t{database.schema_version()}}});
  return applied;
}

int App::seed_demo() {
  const demo::SeedResult created = demo::seed_demo(
      {parts_->auth, parts_->database->accounts(), parts_->coupons, parts_->hotels, parts_->redemptions});
  log_.info(created.accounts > 0 ? "demo data loaded" : "demo data skipped: the database already has accounts",
            {{"accounts", std::int64_t{created.accounts}},
             {"coupons", std::int64_t{created.coupons}},
             {"claims", std::int64_t{created.claims}}});
  return created.accounts;
}

// The web app's files, and its index.html for its own routes, answer what no route takes.
void App::serve_web_app(net::Dispatcher& dispatcher) {
  if (!parts_->web_handlers) {
    log_.info("no web app: / shows the server's own page");
    return;
  }
  const web::Site& site = *parts_->site;
  for (const std::string& skipped : site.skipped()) log_.warn("web app file left out", {{"file", skipped}});
  log_.info("serving the web app", {{"folder", site.folder().string()}, {"files", std::uint64_t{site.file_count()}}});
  dispatcher.set_fallback(
      [&handlers = *parts_->web_handlers](const net::RequestContext& ctx) { return handlers.fallback(ctx); }, "web");
}

// One pass of the interaction fold; the owners whose figures changed are told on their sockets, so an open
// dashboard refreshes at once. The signal is only a hint: while the bus is away the dashboards refresh on their
// next load instead, and the figures themselves are committed already.
std::size_t App::fold_interactions() {
  const interactions::FoldResult result = parts_->interactions.fold_once();
  if (!result.changed_hotel_owners.empty()) {
    try {
      parts_->live_bus.publish(
          std::make_shared<const bus::Signal>(bus::Signal{result.changed_hotel_owners, R"({"type":"stats.changed"})"}));
    } catch (const std::runtime_error& e) {
      log_.warn("stats.changed not sent", {{"what", std::string_view(e.what())}});
    }
  }
  return result.folded + result.dropped;
}

// What the sockets sent since the last pass is queued before the process ends.
void App::flush_socket_events() {
  try {
    parts_->interaction_batcher.flush();
  } catch (const std::exception& e) {
    log_.error("socket events lost at shutdown", {{"what", std::string_view(e.what())}});
  }
}

// One pass of the socket events: what the sockets sent since the last pass is queued, and the fold woken so the
// counters trail the sockets by about a pass rather than by the fold's poll (which stays, for events other
// processes queue). The wake reaches no loop in a process whose fold runs in the workers.
std::size_t App::queue_socket_events(BackgroundLoops& loops) {
  const std::size_t handled = parts_->interaction_batcher.flush();
  if (handled > 0) loops.wake(kFoldWork);
  return handled;
}

int App::serve() {
  namespace asio = boost::asio;
  migrate();
  net::IoPool io(config_.io_threads);
  net::DispatchPolicy policy{config_.allowed_origins, config_.trust_proxy};
  net::Dispatcher dispatcher(parts_->router, parts_->authenticator, parts_->metrics, log_, config_.http, policy);
  net::Server server(io, dispatcher, parts_->metrics, log_);
  const auto endpoint = server.listen(config_.listen_host, config_.listen_port);
  if (config_.allowed_origins.empty())
    dispatcher.set_allowed_origins(own_origins(config_.listen_host, endpoint.port()));
  serve_web_app(dispatcher);
  // What any node publishes reaches the sockets connected here; deliveries published while this node was cut off
  // from the bus never came, so then the sockets read them from their inboxes.
  parts_->live_bus.subscribe([&hub = parts_->hub](const bus::LiveMessage& message) { hand_to_sockets(hub, message); });
  parts_->live_bus.on_gap([&hub = parts_->hub] { hub.catch_up_all(); });
  server.start();

  // What the sockets connected here sent is this node's to queue; the shared work is done here unless workers do it.
  BackgroundLoops background(io.main(), log_);
  std::vector<BackgroundWork> work{{"socket events", parts_->workers,
                                    [this, &background] { return queue_socket_events(background); },
                                    kSocketInteractionInterval, true}};
  if (config_.background) std::ranges::move(shared_background_work(background), std::back_inserter(work));
  background.start(work);
  const std::function<void()> stop_background = [&background] { background.stop(); };
  register_pipeline_gauges(parts_->metrics, parts_->interactions.gauges());
  register_claim_gauges(parts_->metrics, parts_->claims);
  for (const CircuitBreaker* breaker : parts_->breakers()) parts_->metrics.add_breaker(*breaker);
  parts_->metrics.add_gauge("hc_websocket_sessions", "Signed-in WebSocket connections.",
                            [this] { return static_cast<double>(parts_->hub.connected()); });

  asio::signal_set signals(io.main(), SIGINT, SIGTERM);
  asio::co_spawn(
      io.main(),
      [&]() -> asio::awaitable<void> {
        co_await drain_on_signal(signals, server, log_, config_.shutdown_grace, stop_background);
        io.release();
      },
      asio::detached);

  const std::string url = http_origin(endpoint.address().to_string(), endpoint.port());
  log_.info("listening", {{"url", url},
                          {"port", std::uint64_t{endpoint.port()}},
                          {"io_threads", std::uint64_t{config_.io_threads}},
                          {"worker_threads", std::uint64_t{config_.worker_threads}}});

  io.run();
  // No bus message may reach the hub or queue a catch-up once the sockets and the pools are stopping.
  if (parts_->redis) parts_->redis->bus.stop();
  stop_pools();
  flush_socket_events();
  return stopped();
}

// Ends the pools once the loops and the requests have; the outbox loop that a wake would reach ends with them.
void App::stop_pools() {
  parts_->workers.stop();
  parts_->report_workers.stop();
  parts_->wake_outbox = [] {};
  parts_->wake_reports = [] {};
}

// The last words of a process that stopped as asked; its exit code.
int App::stopped() {
  log_.info("stopped");
  log_.flush();
  return 0;
}

// The work every process may share: the outbox, the interaction fold and the report jobs, each safe to run in
// several processes at once on a shared database.
std::vector<BackgroundWork> App::shared_background_work(BackgroundLoops& loops) {
  // This process's jobs still marked running were cut off by its stop; those of the other processes on a shared
  // database are theirs until their lease runs out.
  parts_->reports.recover();
  parts_->wake_outbox = [&loops] { loops.wake(kOutboxWork); };
  parts_->wake_reports = [&loops] { loops.wake(kReportWork); };
  return {
      {kOutboxWork, parts_->workers, [this] { return parts_->outbox.run_once(to_seconds(Clock::now())); },
       kOutboxPollInterval},
      {kFoldWork, parts_->workers, [this] { return fold_interactions(); }, kFoldInterval},
      {kReportWork, parts_->report_workers, [this] { return run_report_jobs(); }, kReportPollInterval},
  };
}

// A finished report's event is in the outbox: its notification goes out now.
std::size_t App::run_report_jobs() {
  const std::size_t finished = parts_->reports.run_once();
  if (finished > 0) parts_->wake_outbox();
  return finished;
}

int App::work() {
  namespace asio = boost::asio;
  if (parts_->database->engine() == "sqlite" || !parts_->redis) {
    throw std::runtime_error(
        "a worker needs the database and the Redis every process shares (HC_DATABASE_URL=postgresql://... and "
        "HC_REDIS_URL); with the embedded database, serve does the background work itself");
  }
  migrate();
  asio::io_context io(1);
  BackgroundLoops background(io, log_);
  background.start(shared_background_work(background));
  asio::signal_set signals(io, SIGINT, SIGTERM);
  signals.async_wait([&](const boost::system::error_code& ec, int signal) {
    if (ec) return;
    log_.info("shutting down", {{"signal", std::int64_t{signal}}});
    background.stop();
  });
  log_.info("working",
            {{"database", parts_->database->engine()}, {"worker_threads", std::uint64_t{config_.worker_threads}}});
  io.run();  // until every loop has ended after the signal
  stop_pools();
  return stopped();
}

}  // namespace hc::app
