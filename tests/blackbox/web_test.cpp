// The built web app seen from a browser: index.html at / and at the app's own routes, hashed assets cached for
// a year and sent compressed, 304 for a current copy, JSON 404s for everything else, and no way out of the folder.
#include "gunzip.hpp"
#include "harness.hpp"

#include <gtest/gtest.h>
#include <boost/json.hpp>

#include <fstream>
#include <iterator>

namespace hc::test {
namespace {

namespace fs = std::filesystem;
using http_verb = boost::beast::http::verb;

constexpr std::string_view kIndexHtml =
    "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>Hotel Coupon</title>\n"
    "<script type=\"module\" crossorigin src=\"/assets/app-abc123.js\"></script>\n"
    "<link rel=\"stylesheet\" crossorigin href=\"/assets/app-abc123.css\"></head>\n"
    "<body><div id=\"root\"></div></body></html>\n";
constexpr std::string_view kCss = "body{margin:0;font-family:system-ui}.coupon{border:1px solid #ccc}\n";
constexpr std::string_view kFavicon = "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 16 16\"/>\n";
constexpr std::string_view kSecret = "root:x:0:0:secret beside the web app";
constexpr std::string_view kImmutable = "public, max-age=31536000, immutable";

void write_file(const fs::path& path, std::string_view bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

// What a bundler writes: long, repetitive JavaScript.
std::string app_js() {
  std::string text = "const routes=['/coupons','/desk','/me/coupons'];\n";
  for (int i = 0; i < 300; ++i) {
    text += "export function view" + std::to_string(i) + "(state){return state.coupons.map(c=>c.title).join(',');}\n";
  }
  return text;
}

bool is_not_found_json(const HttpResult& result) {
  return result.status == 404 && result.error_code() == "not_found" &&
         result.header("Content-Type").starts_with("application/json");
}

// A fake `vite build` output in <temp>/dist, with a secret file beside it, served by a server of its own.
class Web : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dist() / "index.html", kIndexHtml);
    write_file(dist() / "assets" / "app-abc123.js", app_js());
    write_file(dist() / "assets" / "app-abc123.css", kCss);
    write_file(dist() / "favicon.svg", kFavicon);
    write_file(dir_.path() / "secret.txt", kSecret);
    server_.emplace(std::vector<std::string>{"--web-dir", dist().string()});
    client_.emplace(server_->port());
  }

  [[nodiscard]] fs::path dist() const { return dir_.path() / "dist"; }
  [[nodiscard]] const HttpClient& client() const { return *client_; }

  HttpResult get(const std::string& target, const Headers& headers = {}) const {
    return client().request(http_verb::get, target, {}, headers);
  }

  TempDir dir_;
  std::optional<ServerProcess> server_;
  std::optional<HttpClient> client_;
};

TEST_F(Web, IndexHtmlAnswersTheRootAndTheAppsOwnRoutes) {
  for (const std::string target :
       {"/", "/index.html", "/coupons/xyz", "/desk", "/me/coupons", "/coupons/01ABC?tab=2"}) {
    SCOPED_TRACE(target);
    const auto result = get(target);
    EXPECT_EQ(result.status, 200u);
    EXPECT_EQ(result.body, kIndexHtml);
    EXPECT_EQ(result.header("Content-Type"), "text/html; charset=utf-8");
    EXPECT_EQ(result.header("Cache-Control"), "no-store");
    EXPECT_FALSE(result.header("ETag").empty());
    // The strict policy of the server's pages, not loosened for the app.
    EXPECT_NE(result.header("Content-Security-Policy").find("script-src 'self';"), std::string::npos);
    EXPECT_NE(result.header("Content-Security-Policy").find("frame-ancestors 'none'"), std::string::npos);
    EXPECT_EQ(result.header("X-Frame-Options"), "DENY");
  }
  EXPECT_TRUE(server_->log().find(R"("msg":"serving the web app")") != std::string::npos) << server_->log();
}

TEST_F(Web, HashedAssetsAreCachedForAYear) {
  const auto js = get("/assets/app-abc123.js");
  ASSERT_EQ(js.status, 200u);
  EXPECT_EQ(js.body, app_js());
  EXPECT_EQ(js.header("Content-Type"), "text/javascript; charset=utf-8");
  EXPECT_EQ(js.header("Cache-Control"), kImmutable);
  EXPECT_EQ(js.header("Content-Encoding"), "");
  EXPECT_EQ(js.header("Vary"), "Accept-Encoding, Origin");
  const auto css = get("/assets/app-abc123.css");
  ASSERT_EQ(css.status, 200u);
  EXPECT_EQ(css.body, kCss);
  EXPECT_EQ(css.header("Content-Type"), "text/css; charset=utf-8");
  EXPECT_EQ(css.header("Cache-Control"), kImmutable);
  const auto icon = get("/favicon.svg");
  ASSERT_EQ(icon.status, 200u);
  EXPECT_EQ(icon.body, kFavicon);
  EXPECT_EQ(icon.header("Content-Type"), "image/svg+xml");
  EXPECT_EQ(icon.header("Cache-Control"), "no-cache");
}

TEST_F(Web, GzipIsSentToClientsThatAcceptIt) {
  const auto gzipped = get("/assets/app-abc123.js", {{"Accept-Encoding", "gzip, deflate, br"}});
  ASSERT_EQ(gzipped.status, 200u);
  EXPECT_EQ(gzipped.header("Content-Encoding"), "gzip");
  EXPECT_EQ(gzipped.header("Vary"), "Accept-Encoding, Origin");
  EXPECT_EQ(gzipped.header("Cache-Control"), kImmutable);
  EXPECT_EQ(gzipped.header("Content-Length"), std::to_string(gzipped.body.size()));
  EXPECT_LT(gzipped.body.size(), app_js().size() / 4);
  EXPECT_EQ(gunzip(gzipped.body), app_js());

  const auto refused = get("/assets/app-abc123.js", {{"Accept-Encoding", "br, gzip;q=0"}});
  ASSERT_EQ(refused.status, 200u);
  EXPECT_EQ(refused.header("Content-Encoding"), "");
  EXPECT_EQ(refused.body, app_js());

  const auto page = get("/desk", {{"Accept-Encoding", "gzip"}});
  ASSERT_EQ(page.status, 200u);
  EXPECT_EQ(page.header("Content-Encoding"), "gzip");
  EXPECT_EQ(gunzip(page.body), kIndexHtml);
}

TEST_F(Web, CurrentCopyGetsNotModified) {
  for (const Headers& encoding : {Headers{}, Headers{{"Accept-Encoding", "gzip"}}}) {
    const auto first = get("/assets/app-abc123.js", encoding);
    ASSERT_EQ(first.status, 200u);
    const std::string etag = first.header("ETag");
    ASSERT_TRUE(etag.starts_with("\"") && etag.ends_with("\"")) << etag;  // a strong tag
    Headers conditional = encoding;
    conditional.emplace_back("If-None-Match", etag);
    const auto again = get("/assets/app-abc123.js", conditional);
    EXPECT_EQ(again.status, 304u);
    EXPECT_TRUE(again.body.empty());
    EXPECT_EQ(again.header("ETag"), etag);
    EXPECT_EQ(again.header("Cache-Control"), kImmutable);
    EXPECT_EQ(again.header("Content-Length"), "");
    Headers stale = encoding;
    stale.emplace_back("If-None-Match", "\"0123456789abcdef\"");
    EXPECT_EQ(get("/assets/app-abc123.js", stale).status, 200u);
  }
  // The plain and the gzip body are two representations with two tags.
  EXPECT_NE(get("/assets/app-abc123.js").header("ETag"),
            get("/assets/app-abc123.js", {{"Accept-Encoding", "gzip"}}).header("ETag"));
}

TEST_F(Web, NotModifiedKeepsTheConnectionUsable) {
  const std::string etag = get("/favicon.svg").header("ETag");
  RawConnection connection(server_->port());
  connection.send("GET /favicon.svg HTTP/1.1\r\nHost: x\r\nIf-None-Match: " + etag + "\r\n\r\n");
  const auto not_modified = connection.read_response();
  EXPECT_EQ(not_modified.status, 304u);
  connection.send("GET /healthz HTTP/1.1\r\nHost: x\r\n\r\n");
  const auto next = connection.read_response();
  EXPECT_EQ(next.status, 200u);
  EXPECT_EQ(next.body, R"({"status":"ok"})");
}

TEST_F(Web, HeadHasTheLengthAndNoBody) {
  for (const std::string target : {"/assets/app-abc123.js", "/", "/desk"}) {
    SCOPED_TRACE(target);
    const auto get_result = get(target);
    const auto head = client().request(http_verb::head, target);
    EXPECT_EQ(head.status, 200u);
    EXPECT_EQ(head.header("Content-Length"), std::to_string(get_result.body.size()));
    EXPECT_EQ(head.header("Content-Type"), get_result.header("Content-Type"));
    EXPECT_EQ(head.header("ETag"), get_result.header("ETag"));
    EXPECT_TRUE(head.body.empty());
  }
  // On the wire: nothing follows the header block.
  const std::string raw = client().raw("HEAD /assets/app-abc123.js HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n");
  ASSERT_TRUE(raw.starts_with("HTTP/1.1 200")) << raw;
  const auto end_of_header = raw.find("\r\n\r\n");
  ASSERT_NE(end_of_header, std::string::npos) << raw;
  EXPECT_EQ(raw.size(), end_of_header + 4) << "HEAD answered with a body";
}

TEST_F(Web, MissingFilesAndUnknownApiPathsAreJsonNotFound) {
  for (const std::string target : {"/assets/missing.js", "/favicon.ico", "/assets/app-abc123.js.map", "/api/v1/nope",
                                   "/api/v1/me/extra", "/api", "/media/logos", "/healthz/"}) {
    const auto result = get(target);
    EXPECT_TRUE(is_not_found_json(result)) << target << ": " << result.status << " " << result.body;
  }
  // Other methods on the app's routes are not pages.
  EXPECT_EQ(client().post("/desk", "{}").status, 404u);
}

TEST_F(Web, PathsNeverLeaveTheFolder) {
  for (const std::string target :
       {"/%2e%2e/%2e%2e/etc/passwd", "/assets/../../etc/passwd", "/..%2f..%2fetc%2fpasswd", "/../secret.txt",
        "/assets/../../secret.txt", "/%2e%2e/secret.txt", "/assets/%2E%2E/%2E%2E/secret.txt", "/..%5csecret.txt",
        "/secret.txt%00.js", "/%2e%2e/dist/index.html"}) {
    const auto result = get(target);
    EXPECT_EQ(result.status, 404u) << target;
    EXPECT_EQ(result.body.find("root:"), std::string::npos) << target << ": " << result.body;
  }
}

TEST_F(Web, ApiAndOperationsAreUnchanged) {
  const auto openapi = get("/api/v1/openapi.json");
  ASSERT_EQ(openapi.status, 200u);
  EXPECT_TRUE(openapi.header("Content-Type").starts_with("application/json"));
  EXPECT_EQ(json_text(openapi.json(), "/openapi"), "3.1.0");
  const auto health = get("/healthz");
  ASSERT_EQ(health.status, 200u);
  EXPECT_EQ(health.json(), boost::json::parse(R"({"status":"ok"})"));
  EXPECT_EQ(health.header("Vary"), "Origin");
  EXPECT_EQ(client().get("/api/v1/auth/login").status, 405u);
  // The app's pages are counted under one label, never by their paths.
  ASSERT_EQ(get("/coupons/label-probe-4d2c").status, 200u);
  const std::string metrics = get("/metrics").body;
  EXPECT_NE(metrics.find(R"(hc_http_requests_total{route="web",method="GET",status="200"})"), std::string::npos)
      << metrics;
  EXPECT_EQ(metrics.find("label-probe-4d2c"), std::string::npos);
}

TEST(WebAbsent, TheServersOwnPageAnswersTheRoot) {
  ServerProcess server;  // the harness gives --web-dir none
  HttpClient client(server.port());
  const auto home = client.get("/");
  ASSERT_EQ(home.status, 200u);
  EXPECT_NE(home.body.find("The server is running"), std::string::npos) << home.body;
  EXPECT_TRUE(is_not_found_json(client.get("/desk")));
  EXPECT_NE(server.log().find(R"("msg":"no web app)"), std::string::npos) << server.log();
}

// Changes the working directory of the test (and so of the servers it starts) for one scope.
class WorkingDirectory {
 public:
  explicit WorkingDirectory(const fs::path& path) : saved_(fs::current_path()) { fs::current_path(path); }
  ~WorkingDirectory() {
    std::error_code ec;
    fs::current_path(saved_, ec);
  }
  WorkingDirectory(const WorkingDirectory&) = delete;
  WorkingDirectory& operator=(const WorkingDirectory&) = delete;

 private:
  fs::path saved_;
};

TEST(WebAbsent, WithoutAWebDirTheBuiltAppIsServedIfThereIsOne) {
  // From an empty working directory only the repository's web/dist, beside build/<preset>/, can be found; it may
  // or may not be built, so the test expects what is there.
  const TempDir cwd;
  const fs::path repository_dist = (fs::path(HC_SERVER_BINARY).parent_path() / "../../web/dist").lexically_normal();
  std::ifstream index(repository_dist / "index.html", std::ios::binary);
  const std::optional<std::string> built =
      index ? std::optional<std::string>(std::string(std::istreambuf_iterator<char>(index), {})) : std::nullopt;
  std::optional<ServerProcess> server;
  {
    const WorkingDirectory in(cwd.path());
    server.emplace(std::vector<std::string>{"--web-dir", ""});  // empty: as if not set
  }
  HttpClient client(server->port());
  const auto home = client.get("/");
  ASSERT_EQ(home.status, 200u);
  if (built) {
    EXPECT_EQ(home.body, *built);
    EXPECT_NE(server->log().find(fs::canonical(repository_dist).string()), std::string::npos) << server->log();
  } else {
    EXPECT_NE(home.body.find("The server is running"), std::string::npos) << home.body;
    EXPECT_NE(server->log().find(R"("msg":"no web app)"), std::string::npos) << server->log();
  }
}

TEST(WebAbsent, AWebDirWithoutIndexHtmlIsAConfigurationError) {
  const TempDir dir;
  const auto result = run_binary({"serve", "--data-dir", dir.str(), "--listen", "127.0.0.1:0", "--web-dir", dir.str()});
  EXPECT_EQ(result.exit_code, 2) << result.output;
  EXPECT_NE(result.output.find("HC_WEB_DIR (--web-dir): '" + dir.str() + "' has no index.html"), std::string::npos)
      << result.output;
}

}  // namespace
}  // namespace hc::test
