// Operations seen from outside: health, readiness, metrics, the OpenAPI document, the headers every answer
// carries, routing errors, HEAD, keep-alive, and graceful shutdown.
#include "harness.hpp"

#include <boost/json.hpp>
#include <gtest/gtest.h>

#include <signal.h>

#include <chrono>
#include <string>

namespace hc::test {
namespace {

namespace json = boost::json;
using http_verb = boost::beast::http::verb;

bool healthy(const HttpClient& client) { return client.get("/healthz").status == 200; }

TEST(Operations, HealthzSaysOk) {
  ServerProcess server;
  HttpClient client(server.port());
  const auto result = client.get("/healthz");
  ASSERT_EQ(result.status, 200u) << result.body;
  EXPECT_TRUE(result.header("Content-Type").starts_with("application/json")) << result.header("Content-Type");
  EXPECT_EQ(result.json(), json::parse(R"({"status":"ok"})"));
}

TEST(Operations, ReadyzReportsTheDatabase) {
  ServerProcess server;
  HttpClient client(server.port());
  const auto result = client.get("/readyz");
  ASSERT_EQ(result.status, 200u) << result.body;
  EXPECT_EQ(json_text(result.json(), "/checks/database"), "ok") << result.body;
}

TEST(Operations, MetricsUsePrometheusTextFormat) {
  ServerProcess server;
  HttpClient client(server.port());
  ASSERT_EQ(client.get("/healthz").status, 200u);
  const auto result = client.get("/metrics");
  ASSERT_EQ(result.status, 200u) << result.body;
  EXPECT_TRUE(result.header("Content-Type").starts_with("text/plain")) << result.header("Content-Type");
  const std::string& text = result.body;
  EXPECT_NE(text.find(R"(hc_http_requests_total{route="/healthz",method="GET",status="200"} )"), std::string::npos)
      << text;
  EXPECT_NE(text.find("hc_http_request_duration_seconds_bucket{"), std::string::npos) << text;
  EXPECT_NE(text.find("\nhc_open_connections "), std::string::npos) << text;
  EXPECT_NE(text.find("\nprocess_resident_memory_bytes "), std::string::npos) << text;
  EXPECT_NE(text.find("# TYPE hc_http_requests_total counter"), std::string::npos) << text;
}

TEST(Operations, MetricsCountEachRequest) {
  ServerProcess server;
  HttpClient client(server.port());
  for (int i = 0; i < 3; ++i) ASSERT_EQ(client.get("/healthz").status, 200u);
  const auto text = client.get("/metrics").body;
  EXPECT_NE(text.find(R"(hc_http_requests_total{route="/healthz",method="GET",status="200"} 3)" "\n"),
            std::string::npos)
      << text;
}

TEST(Operations, MetricsLabelByRoutePatternNotByRawPath) {
  // Arbitrary paths must not create new time series (unbounded label cardinality).
  ServerProcess server;
  HttpClient client(server.port());
  ASSERT_EQ(client.get("/probe-one-7f3a").status, 404u);
  ASSERT_EQ(client.get("/api/v1/probe-two-9c1d?x=1").status, 404u);
  const auto text = client.get("/metrics").body;
  EXPECT_EQ(text.find("probe-one-7f3a"), std::string::npos) << text;
  EXPECT_EQ(text.find("probe-two-9c1d"), std::string::npos) << text;
}

TEST(Operations, EveryResponseCarriesTheSecurityHeaders) {
  ServerProcess server;
  HttpClient client(server.port());
  const std::vector<HttpResult> results{
      client.get("/healthz"),
      client.get("/"),
      client.get("/no/such/page"),
      client.get("/api/v1/me"),
      client.post("/api/v1/auth/login", "{"),
      client.request(http_verb::delete_, "/api/v1/me"),
  };
  for (const auto& result : results) {
    SCOPED_TRACE(std::to_string(result.status) + " " + result.body.substr(0, 80));
    EXPECT_FALSE(result.header("X-Request-Id").empty());
    EXPECT_EQ(result.header("X-Content-Type-Options"), "nosniff");
    EXPECT_FALSE(result.header("Referrer-Policy").empty());
    EXPECT_FALSE(result.header("Content-Security-Policy").empty());
  }
}

TEST(Operations, ErrorBodyRequestIdMatchesTheHeader) {
  ServerProcess server;
  HttpClient client(server.port());
  for (const auto& result : {client.get("/no/such/page"), client.get("/api/v1/me"), client.post("/api/v1/auth/login", "[")}) {
    ASSERT_GE(result.status, 400u);
    EXPECT_FALSE(result.header("X-Request-Id").empty());
    EXPECT_EQ(json_text(result.json(), "/error/request_id"), result.header("X-Request-Id")) << result.body;
    EXPECT_FALSE(json_text(result.json(), "/error/message").empty()) << result.body;
  }
}

TEST(Operations, SafeClientRequestIdIsEchoed) {
  ServerProcess server;
  HttpClient client(server.port());
  const auto ok = client.request(http_verb::get, "/healthz", {}, {{"X-Request-Id", "abc-123"}});
  EXPECT_EQ(ok.header("X-Request-Id"), "abc-123");
  const auto error = client.request(http_verb::get, "/nowhere", {}, {{"X-Request-Id", "abc-123"}});
  EXPECT_EQ(error.header("X-Request-Id"), "abc-123");
  EXPECT_EQ(json_text(error.json(), "/error/request_id"), "abc-123");
}

TEST(Operations, UnsafeClientRequestIdIsReplaced) {
  ServerProcess server;
  HttpClient client(server.port());
  for (const std::string& unsafe : {std::string("has spaces in it"), std::string(100, 'a'), std::string("a\"b<c>")}) {
    const auto result = client.request(http_verb::get, "/nowhere", {}, {{"X-Request-Id", unsafe}});
    const std::string given = result.header("X-Request-Id");
    EXPECT_FALSE(given.empty()) << unsafe;
    EXPECT_NE(given, unsafe);
    EXPECT_EQ(json_text(result.json(), "/error/request_id"), given);
  }
}

TEST(Operations, OpenApiDocumentListsTheRoutes) {
  ServerProcess server;
  HttpClient client(server.port());
  const auto result = client.get("/api/v1/openapi.json");
  ASSERT_EQ(result.status, 200u);
  EXPECT_TRUE(result.header("Content-Type").starts_with("application/json")) << result.header("Content-Type");
  const auto document = result.json();
  EXPECT_EQ(json_text(document, "/openapi"), "3.1.0");
  const auto* paths = document.as_object().if_contains("paths");
  ASSERT_NE(paths, nullptr);
  ASSERT_TRUE(paths->is_object());
  const std::vector<std::pair<std::string, std::string>> operations{
      {"/", "get"},
      {"/healthz", "get"},
      {"/readyz", "get"},
      {"/metrics", "get"},
      {"/api/v1/openapi.json", "get"},
      {"/api/v1/me", "get"},
      {"/api/v1/auth/register", "post"},
      {"/api/v1/auth/login", "post"},
      {"/api/v1/auth/refresh", "post"},
      {"/api/v1/auth/logout", "post"},
  };
  for (const auto& [path, method] : operations) {
    const auto* item = paths->as_object().if_contains(path);
    ASSERT_NE(item, nullptr) << path << " is missing";
    ASSERT_TRUE(item->is_object()) << path;
    const auto* operation = item->as_object().if_contains(method);
    EXPECT_NE(operation, nullptr) << method << " " << path << " is missing";
    if (operation != nullptr) {
      EXPECT_TRUE(operation->is_object()) << method << " " << path;
    }
  }
}

TEST(Operations, UnknownPathIsNotFound) {
  ServerProcess server;
  HttpClient client(server.port());
  for (const std::string target : {"/nope", "/api/v1/nope", "/api/v1/me/extra", "/healthz/"}) {
    const auto result = client.get(target);
    EXPECT_EQ(result.status, 404u) << target << ": " << result.body;
    EXPECT_EQ(result.error_code(), "not_found") << target;
    EXPECT_TRUE(result.header("Content-Type").starts_with("application/json")) << target;
  }
}

TEST(Operations, WrongMethodIsNotAllowedWithAllowHeader) {
  ServerProcess server;
  HttpClient client(server.port());
  const auto result = client.request(http_verb::delete_, "/api/v1/me");
  EXPECT_EQ(result.status, 405u) << result.body;
  EXPECT_EQ(result.error_code(), "method_not_allowed");
  EXPECT_NE(result.header("Allow").find("GET"), std::string::npos) << "Allow: " << result.header("Allow");

  const auto get_login = client.get("/api/v1/auth/login");
  EXPECT_EQ(get_login.status, 405u) << get_login.body;
  EXPECT_NE(get_login.header("Allow").find("POST"), std::string::npos) << "Allow: " << get_login.header("Allow");
}

TEST(Operations, HeadHealthzHasTheGetLengthAndNoBody) {
  ServerProcess server;
  HttpClient client(server.port());
  const auto result = client.request(http_verb::head, "/healthz");
  EXPECT_EQ(result.status, 200u);
  EXPECT_EQ(result.header("Content-Length"), "15");
  EXPECT_TRUE(result.body.empty());
  // On the wire: nothing follows the header block.
  const std::string raw = client.raw("HEAD /healthz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  ASSERT_TRUE(raw.starts_with("HTTP/1.1 200")) << raw;
  const auto end_of_header = raw.find("\r\n\r\n");
  ASSERT_NE(end_of_header, std::string::npos) << raw;
  EXPECT_EQ(raw.size(), end_of_header + 4) << "HEAD answered with a body: " << raw.substr(end_of_header + 4);
}

TEST(Operations, PipelinedRequestsOnOneConnectionAreBothAnswered) {
  ServerProcess server;
  HttpClient client(server.port());
  const std::string raw = client.raw(
      "GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"
      "GET /readyz HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  std::size_t answers = 0;
  for (auto at = raw.find("HTTP/1.1 200"); at != std::string::npos; at = raw.find("HTTP/1.1 200", at + 1)) ++answers;
  EXPECT_EQ(answers, 2u) << raw;
  EXPECT_NE(raw.find(R"({"status":"ok"})"), std::string::npos) << raw;
  EXPECT_NE(raw.find(R"("database":"ok")"), std::string::npos) << raw;
}

TEST(Operations, KeepAliveConnectionServesSeveralRequests) {
  ServerProcess server;
  RawConnection connection(server.port());
  for (int i = 0; i < 3; ++i) {
    ASSERT_TRUE(connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
    const auto result = connection.read_response();
    EXPECT_EQ(result.status, 200u);
    EXPECT_EQ(result.body, R"({"status":"ok"})");
  }
  EXPECT_FALSE(connection.closed_by_peer());
}

TEST(Operations, SigtermWithAnIdleConnectionStopsCleanly) {
  ServerProcess server;
  RawConnection idle(server.port());
  ASSERT_TRUE(idle.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n"));
  ASSERT_EQ(idle.read_response().status, 200u);

  server.send_signal(SIGTERM);
  const auto exit_code = server.wait_for_exit(std::chrono::seconds(5));
  ASSERT_TRUE(exit_code.has_value()) << "still running 5 s after SIGTERM:\n" << server.log();
  EXPECT_EQ(*exit_code, 0) << server.log();
  // The idle keep-alive connection was closed, not left hanging.
  idle.read_until_close(std::chrono::seconds(1));
  EXPECT_TRUE(idle.closed_by_peer());

  const std::string log = server.log();
  const auto shutting_down = log.find(R"("msg":"shutting down")");
  const auto stopped = log.find(R"("msg":"stopped")");
  ASSERT_NE(shutting_down, std::string::npos) << log;
  ASSERT_NE(stopped, std::string::npos) << log;
  EXPECT_LT(shutting_down, stopped) << log;
  EXPECT_FALSE(accepts_connections(server.port()));
}

TEST(Operations, SigtermLetsTheRequestInFlightFinishAndRefusesNewConnections) {
  ServerProcess server;
  HttpClient client(server.port());
  ASSERT_EQ(register_account(client, "late@example.com", "a-long-enough-password").status, 201u);

  // A sign-in whose header the server has read (it asked for the body with 100 Continue) is in flight.
  const std::string body = R"({"email":"late@example.com","password":"a-long-enough-password"})";
  RawConnection in_flight(server.port());
  ASSERT_TRUE(in_flight.send("POST /api/v1/auth/login HTTP/1.1\r\nHost: x\r\nContent-Type: application/json\r\n"
                             "Expect: 100-continue\r\nContent-Length: " +
                             std::to_string(body.size()) + "\r\n\r\n"));
  ASSERT_EQ(in_flight.read_response().status, 100u);

  server.send_signal(SIGTERM);
  // The listener closes soon after the signal; the process stays up for the request in flight.
  const bool refused = eventually(std::chrono::seconds(5), std::chrono::milliseconds(20),
                                  [&] { return !accepts_connections(server.port()); });
  EXPECT_TRUE(refused) << "new connections are still accepted after SIGTERM";
  EXPECT_TRUE(server.running()) << "the server quit with a request in flight:\n" << server.log();

  ASSERT_TRUE(in_flight.send(body));
  const auto answer = in_flight.read_response();
  EXPECT_EQ(answer.status, 200u) << answer.body;
  EXPECT_FALSE(json_text(answer.json(), "/access_token").empty()) << answer.body;
  EXPECT_EQ(answer.header("Connection"), "close");

  const auto exit_code = server.wait_for_exit(std::chrono::seconds(5));
  ASSERT_TRUE(exit_code.has_value()) << "still running 5 s after the last request:\n" << server.log();
  EXPECT_EQ(*exit_code, 0) << server.log();
  const std::string log = server.log();
  EXPECT_LT(log.find(R"("msg":"shutting down")"), log.find(R"("msg":"stopped")")) << log;
  EXPECT_NE(log.find(R"("msg":"stopped")"), std::string::npos) << log;
  const auto leaked = leaked_secrets(log, {"a-long-enough-password", json_text(answer.json(), "/access_token"),
                                           json_text(answer.json(), "/refresh_token")});
  EXPECT_TRUE(leaked.empty()) << "the server log contains a password or token";
}

// The request log line whose request_id is this one; null when there is none.
json::value request_line(const std::string& log, const std::string& request_id) {
  for (auto& line : request_lines(log)) {
    if (json_text(line, "/request_id") == request_id) return std::move(line);
  }
  return nullptr;
}

// Logged as warnings, they stay in the log when an operator turns it down to --log-level warn.
TEST(Operations, RefusalsAreLoggedAsWarningsWithRouteClientAndRequestId) {
  ServerProcess server;
  HttpClient client(server.port());
  const auto healthy_answer = client.get("/healthz");
  const auto unauthorised = client.get("/api/v1/coupons/abc");
  ASSERT_EQ(unauthorised.status, 401u);
  const std::string traveller = sign_up(client, "refused@example.com");
  const auto forbidden = client.get("/api/v1/hotelier/coupons", traveller);
  ASSERT_EQ(forbidden.status, 403u);

  const std::string log = server.log();
  EXPECT_EQ(json_text(request_line(log, healthy_answer.header("X-Request-Id")), "/level"), "info") << log;
  for (const auto& [refused, route] : {std::pair{&unauthorised, "/api/v1/coupons/{id}"},
                                       std::pair{&forbidden, "/api/v1/hotelier/coupons"}}) {
    const auto line = request_line(log, refused->header("X-Request-Id"));
    ASSERT_FALSE(line.is_null()) << "no log line for the " << refused->status << ":\n" << log;
    EXPECT_EQ(json_text(line, "/level"), "warning");
    EXPECT_EQ(json_text(line, "/route"), route);
    EXPECT_EQ(json_text(line, "/client"), "127.0.0.1");
    EXPECT_EQ(line.at("status").to_number<unsigned>(), refused->status);
  }
}

TEST(Operations, ServerStillHealthyAfterRoutingErrors) {
  ServerProcess server;
  HttpClient client(server.port());
  client.get("/nope");
  client.request(http_verb::put, "/healthz");
  client.request(http_verb::options, "/api/v1/me");
  EXPECT_TRUE(healthy(client));
}

}  // namespace
}  // namespace hc::test
