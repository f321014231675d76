#include "web/site.hpp"

#include "core/encoding.hpp"
#include "gunzip.hpp"
#include "temp_dir.hpp"

#include <gtest/gtest.h>

#include <fstream>

namespace hc::web {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kIndex =
    "<!doctype html><html><head><script type=\"module\" src=\"/assets/app-abc123.js\">"
    "</script></head><body><div id=\"root\"></div></body></html>\n";

void write_file(const fs::path& path, std::string_view bytes) {
  fs::create_directories(path.parent_path());
  std::ofstream(path, std::ios::binary) << bytes;
}

// Text that compresses well, like a bundle: the same few statements many times over.
std::string bundle_text() {
  std::string text;
  for (int i = 0; i < 200; ++i)
    text += "export function coupon" + std::to_string(i % 7) + "() { return 'discount'; }\n";
  return text;
}

// A small built app: index.html, hashed assets, an icon, an image, and a file in a sub-folder.
class SiteTest : public ::testing::Test {
 protected:
  void SetUp() override {
    write_file(dir_.path() / "index.html", kIndex);
    write_file(dir_.path() / "assets" / "app-abc123.js", bundle_text());
    write_file(dir_.path() / "assets" / "app-abc123.css", "body{margin:0}\n");
    write_file(dir_.path() / "favicon.svg", "<svg/>");
    write_file(dir_.path() / "images" / "logo.png", std::string("\x89PNG\r\n\x1a\n", 8) + std::string(64, '\0'));
  }

  const File& file(const Site& site, std::string_view path) {
    const File* found = site.resolve(path);
    if (found == nullptr) throw std::runtime_error("no file at " + std::string(path));
    return *found;
  }

  test::TempDir dir_;
};

TEST_F(SiteTest, LoadsEveryFileWithItsType) {
  const Site site = Site::load(dir_.path());
  EXPECT_EQ(site.file_count(), 5u);
  EXPECT_TRUE(site.skipped().empty());
  EXPECT_EQ(file(site, "/index.html").body, kIndex);
  EXPECT_EQ(file(site, "/index.html").content_type, "text/html; charset=utf-8");
  EXPECT_EQ(file(site, "/assets/app-abc123.js").body, bundle_text());
  EXPECT_EQ(file(site, "/assets/app-abc123.js").content_type, "text/javascript; charset=utf-8");
  EXPECT_EQ(file(site, "/assets/app-abc123.css").content_type, "text/css; charset=utf-8");
  EXPECT_EQ(file(site, "/favicon.svg").content_type, "image/svg+xml");
  EXPECT_EQ(file(site, "/images/logo.png").content_type, "image/png");
}

TEST_F(SiteTest, CacheControlByWhereTheFileIs) {
  const Site site = Site::load(dir_.path());
  EXPECT_EQ(file(site, "/").cache_control, "no-store");
  EXPECT_EQ(file(site, "/index.html").cache_control, "no-store");
  EXPECT_EQ(file(site, "/assets/app-abc123.js").cache_control, "public, max-age=31536000, immutable");
  EXPECT_EQ(file(site, "/favicon.svg").cache_control, "no-cache");
}

TEST_F(SiteTest, GzipBodyDecompressesToTheFile) {
  const Site site = Site::load(dir_.path());
  const File& js = file(site, "/assets/app-abc123.js");
  EXPECT_TRUE(js.compressible);
  ASSERT_TRUE(js.gzip_body.has_value());
  EXPECT_LT(js.gzip_body->size(), js.body.size() / 4);
  EXPECT_EQ(test::gunzip(*js.gzip_body), js.body);
  EXPECT_EQ(test::gunzip(*file(site, "/index.html").gzip_body), kIndex);
}

TEST_F(SiteTest, OnlyTextIsCompressedAndOnlyWhenItGetsSmaller) {
  const Site site = Site::load(dir_.path());
  const File& png = file(site, "/images/logo.png");
  EXPECT_FALSE(png.compressible);
  EXPECT_FALSE(png.gzip_body.has_value());
  const File& svg = file(site, "/favicon.svg");  // six bytes: gzip's header alone is longer
  EXPECT_TRUE(svg.compressible);
  EXPECT_FALSE(svg.gzip_body.has_value());
}

TEST_F(SiteTest, EtagIsAStrongTagOfTheContent) {
  const Site site = Site::load(dir_.path());
  const File& js = file(site, "/assets/app-abc123.js");
  EXPECT_EQ(js.etag, "\"" + sha256_hex({bundle_text()}).substr(0, 32) + "\"");
  EXPECT_FALSE(js.gzip_etag.empty());
  EXPECT_NE(js.gzip_etag, js.etag);  // another representation, another tag
  EXPECT_NE(file(site, "/assets/app-abc123.css").etag, js.etag);
}

TEST_F(SiteTest, AppRoutesGetIndexAndMissingFilesGetNothing) {
  const Site site = Site::load(dir_.path());
  const File* index = &site.index();
  for (const std::string_view path : {"/", "/coupons/01ABC", "/desk", "/me/coupons", "/coupons/01ABC/"}) {
    EXPECT_EQ(site.resolve(path), index) << path;
  }
  for (const std::string_view path : {"/assets/nope.js", "/favicon.ico", "/api/v1/nope", "/api", "/media/logos/x",
                                      "/healthz/", "/readyz/x", "/metrics/x", ""}) {
    EXPECT_EQ(site.resolve(path), nullptr) << path;
  }
}

TEST_F(SiteTest, PathsOutsideTheSiteAreNeverServed) {
  // A file beside the site's folder, which "/../<name>" would reach if paths were read from disk.
  const std::string beside = dir_.path().filename().string() + "-secret.txt";
  write_file(dir_.path().parent_path() / beside, "secret");
  const Site site = Site::load(dir_.path());
  fs::remove(dir_.path().parent_path() / beside);
  EXPECT_EQ(site.resolve("/../" + beside), nullptr);
  EXPECT_EQ(site.resolve("/assets/%2e%2e/%2e%2e/" + beside), nullptr);
  for (const std::string_view path :
       {"/%2e%2e/%2e%2e/etc/passwd", "/assets/../../etc/passwd", "/assets/%2E%2E/%2e%2e/etc/passwd",
        "/..%2f..%2fetc%2fpasswd", "/assets/..%5c..%5cetc%5cpasswd", "/etc/passwd%00.js", "/./index.html",
        "/assets/app-abc123.js%", "/assets/app-abc123.js%zz"}) {
    EXPECT_EQ(site.resolve(path), nullptr) << path;
  }
}

TEST_F(SiteTest, PercentEncodedNamesFindTheirFile) {
  write_file(dir_.path() / "assets" / "a b.txt", "spaced");
  const Site site = Site::load(dir_.path());
  EXPECT_EQ(file(site, "/assets/a%20b.txt").body, "spaced");
  EXPECT_EQ(file(site, "/assets/app%2Dabc123.js").body, bundle_text());
}

TEST_F(SiteTest, LeavesOutLargeFilesAndSymlinksToOutside) {
  test::TempDir outside;
  write_file(outside.path() / "passwd.txt", "root:x:0:0");
  fs::create_symlink(outside.path() / "passwd.txt", dir_.path() / "passwd.txt");
  fs::create_symlink(outside.path(), dir_.path() / "elsewhere");
  fs::create_symlink(dir_.path() / "favicon.svg", dir_.path() / "icon.svg");
  write_file(dir_.path() / "assets" / "big.map", std::string(20'001, 'x'));
  const Site site = Site::load(dir_.path(), SiteLimits{.max_file_bytes = 20'000});
  EXPECT_EQ(site.resolve("/passwd.txt"), nullptr);
  EXPECT_EQ(site.resolve("/elsewhere/passwd.txt"), nullptr);
  EXPECT_EQ(site.resolve("/assets/big.map"), nullptr);
  EXPECT_EQ(file(site, "/icon.svg").body, "<svg/>");  // a link that stays inside is a file like any other
  ASSERT_EQ(site.skipped().size(), 3u);
  for (const std::string& skipped : site.skipped()) {
    EXPECT_TRUE(skipped.starts_with("passwd.txt: ") || skipped.starts_with("elsewhere: ") ||
                skipped.starts_with("assets/big.map: "))
        << skipped;
  }
}

TEST_F(SiteTest, RefusesAFolderWithoutIndexHtml) {
  fs::remove(dir_.path() / "index.html");
  EXPECT_THROW(Site::load(dir_.path()), std::runtime_error);
  EXPECT_THROW(Site::load(dir_.path() / "missing"), std::runtime_error);
}

TEST(SiteRules, ContentTypeByExtension) {
  EXPECT_EQ(content_type_for("index.html"), "text/html; charset=utf-8");
  EXPECT_EQ(content_type_for("/assets/index-3f9a1c2b.js"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type_for("/assets/worker.mjs"), "text/javascript; charset=utf-8");
  EXPECT_EQ(content_type_for("/assets/index-3f9a1c2b.css"), "text/css; charset=utf-8");
  EXPECT_EQ(content_type_for("/favicon.svg"), "image/svg+xml");
  EXPECT_EQ(content_type_for("/a.png"), "image/png");
  EXPECT_EQ(content_type_for("/a.jpg"), "image/jpeg");
  EXPECT_EQ(content_type_for("/a.JPEG"), "image/jpeg");
  EXPECT_EQ(content_type_for("/a.webp"), "image/webp");
  EXPECT_EQ(content_type_for("/favicon.ico"), "image/x-icon");
  EXPECT_EQ(content_type_for("/data.json"), "application/json; charset=utf-8");
  EXPECT_EQ(content_type_for("/site.webmanifest"), "application/manifest+json");
  EXPECT_EQ(content_type_for("/assets/font-1a2b.woff2"), "font/woff2");
  EXPECT_EQ(content_type_for("/robots.txt"), "text/plain; charset=utf-8");
  EXPECT_EQ(content_type_for("/assets/index.js.map"), "application/json; charset=utf-8");
  EXPECT_EQ(content_type_for("/archive.tar.gz"), "application/octet-stream");
  EXPECT_EQ(content_type_for("/assets.d/README"), "application/octet-stream");
}

TEST(SiteRules, CompressibleTypes) {
  for (const std::string_view name :
       {"a.html", "a.js", "a.css", "a.svg", "a.json", "a.webmanifest", "a.txt", "a.map"}) {
    EXPECT_TRUE(is_compressible(name)) << name;
  }
  for (const std::string_view name : {"a.png", "a.jpg", "a.webp", "a.ico", "a.woff2", "a.bin", "README"}) {
    EXPECT_FALSE(is_compressible(name)) << name;
  }
}

TEST(SiteRules, AcceptsGzipUnlessRefused) {
  for (const std::string_view value :
       {"gzip", "gzip, deflate, br", "br;q=1.0, gzip;q=0.8", "GZIP", "x-gzip", "deflate, *;q=0.1", "gzip; q=0.001"}) {
    EXPECT_TRUE(accepts_gzip(value)) << value;
  }
  for (const std::string_view value :
       {"", "identity", "br", "gzip;q=0", "gzip; q=0.000", "gzip;Q=0.", "*;q=0", "gzip;q=0, *", "gzipper"}) {
    EXPECT_FALSE(accepts_gzip(value)) << value;
  }
}

TEST(SiteRules, IfNoneMatchComparesWeakly) {
  EXPECT_TRUE(etag_matches("\"abc\"", "\"abc\""));
  EXPECT_TRUE(etag_matches("W/\"abc\"", "\"abc\""));
  EXPECT_TRUE(etag_matches("\"x\", \"abc\"", "\"abc\""));
  EXPECT_TRUE(etag_matches(" * ", "\"abc\""));
  EXPECT_FALSE(etag_matches("", "\"abc\""));
  EXPECT_FALSE(etag_matches("\"abcd\"", "\"abc\""));
  EXPECT_FALSE(etag_matches("abc", "\"abc\""));
}

TEST(SiteRules, DecodesPathsAndRefusesTraversal) {
  EXPECT_EQ(decode_url_path("/assets/a%20b.js"), "/assets/a b.js");
  EXPECT_EQ(decode_url_path("/coupons/01ABC"), "/coupons/01ABC");
  EXPECT_EQ(decode_url_path("/a/...b"), "/a/...b");
  for (const std::string_view raw : {"", "a/b", "/%2e%2e/x", "/a/../b", "/a/./b", "/..", "/.", "/a%00b", "/a%5cb",
                                     "/a\\b", "/%zz", "/%2", "http://host/index.html"}) {
    EXPECT_EQ(decode_url_path(raw), std::nullopt) << raw;
  }
}

TEST(SiteRules, AppRoutesHaveNoExtensionAndAreNotTheServers) {
  for (const std::string_view path : {"/", "/desk", "/coupons/01ABC", "/me/coupons", "/apiary", "/mediator"}) {
    EXPECT_TRUE(is_app_route(path)) << path;
  }
  for (const std::string_view path : {"/api", "/api/v1/nope", "/media/logos/x", "/healthz", "/healthz/", "/readyz",
                                      "/metrics", "/favicon.ico", "/assets/missing.js", "/coupons/01ABC.json"}) {
    EXPECT_FALSE(is_app_route(path)) << path;
  }
}

}  // namespace
}  // namespace hc::web
